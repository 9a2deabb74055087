package dev.poolse.spring;

import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.admin.PoolseAdmin;

/** Builds the clients from the properties, turning a bad value into a message that names the property. */
final class PoolseBeans {
    private PoolseBeans() {
    }

    static PoolseAdmin admin(PoolseProperties p, String apiUrl, String apiKey) {
        try {
            PoolseAdmin.Builder b = PoolseAdmin.builder()
                    .apiUrl(apiUrl)
                    .apiKey(apiKey)
                    .maxRetries(p.getMaxRetries())
                    .baseBackoff(p.getBaseBackoff())
                    .maxBackoff(p.getMaxBackoff())
                    .attemptTimeout(p.getAttemptTimeout())
                    .retryBudget(p.getRetryBudget());
            if (p.getTimeout() != null) {
                b.timeout(p.getTimeout());
            }
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            // The SDK's messages name the setting and never quote the key.
            throw new IllegalStateException("Invalid Poolse configuration (poolse.*): " + e.getMessage(), e);
        }
    }

    static Poolse serviceAccount(PoolseProperties p, PoolseAdmin admin) {
        String externalId = p.getServiceAccount().getExternalId();
        try {
            Poolse.Builder b = Poolse.builder()
                    .apiUrl(admin.apiUrl())
                    .tokenProvider(admin.tokenProviderFor(externalId))
                    .maxRetries(p.getMaxRetries())
                    .baseBackoff(p.getBaseBackoff())
                    .maxBackoff(p.getMaxBackoff())
                    .attemptTimeout(p.getAttemptTimeout())
                    .retryBudget(p.getRetryBudget());
            if (p.getTimeout() != null) {
                b.timeout(p.getTimeout());
            }
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Invalid Poolse configuration (poolse.service-account.external-id): "
                    + e.getMessage(), e);
        }
    }
}
