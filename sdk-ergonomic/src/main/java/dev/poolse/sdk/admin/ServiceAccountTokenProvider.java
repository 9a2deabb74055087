package dev.poolse.sdk.admin;

import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.TokenProvider;
import java.util.UUID;

/**
 * {@link PoolseAdmin#tokenProviderFor(String)}: provisions the user on first use, remembers its
 * id, and mints a token each time the client's token cache asks.
 */
final class ServiceAccountTokenProvider implements TokenProvider {
    private final AdminUsersResource users;
    private final String externalId;
    private volatile UUID userId;

    ServiceAccountTokenProvider(AdminUsersResource users, String externalId) {
        this.users = users;
        this.externalId = externalId;
    }

    @Override
    public String getToken() {
        UUID id = userId;
        if (id == null) {
            id = provision();
        }
        try {
            return users.mintToken(id).token();
        } catch (ApiException e) {
            if (e.status() != 404 || !"user_not_found".equals(e.code())) {
                throw e;
            }
            // Deleted since it was provisioned: provision again, once.
            return users.mintToken(provision()).token();
        }
    }

    private UUID provision() {
        // Concurrent first calls may both provision: the route is idempotent on the external id.
        UUID id = users.upsert(externalId).user().getId();
        userId = id;
        return id;
    }

    @Override
    public String toString() {
        return "PoolseAdmin.tokenProviderFor(" + externalId + ")";
    }
}
