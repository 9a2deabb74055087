package dev.poolse.sdk.admin;

import dev.poolse.client.model.User;
import java.util.Objects;

/**
 * The answer of {@code POST /v1/users}: the user, and whether this call created it (201) or it
 * already existed (200). The route is idempotent on the external id, so provisioning on every
 * sign-in is safe.
 *
 * @param user the user row
 * @param created {@code true} for 201 (created by this call), {@code false} for 200 (it existed)
 */
public record UpsertedUser(User user, boolean created) {
    /**
     * Checks that the user is present.
     *
     * @param user the user row, not {@code null}
     * @param created whether this call created it
     */
    public UpsertedUser {
        Objects.requireNonNull(user, "user");
    }
}
