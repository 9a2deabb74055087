package dev.poolse.sdk;

/**
 * Resolves your own user id ({@code external_id}) to a display profile from your app's data.
 * Runs on a {@code poolse-callback} thread and may block.
 */
@FunctionalInterface
public interface UserResolver {
    /**
     * {@return the profile, or {@code null} when the user does not exist}
     *
     * @param externalId the id you mint tokens for
     * @throws Exception any failure; cached briefly, then retried on the next lookup
     */
    PoolseUserProfile resolve(String externalId) throws Exception;
}
