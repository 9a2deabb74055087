package dev.poolse.spring;

import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.RequestOptions;
import dev.poolse.sdk.admin.PoolseAdmin;
import dev.poolse.client.model.Me;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code poolse} health of the application. With a service-account {@link Poolse} bean it makes
 * one cheap real call, {@code GET /v1/me} as that user (which also proves that the API key can mint
 * its token), bounded by {@link #CHECK_TIMEOUT} and without retries. Without one it sends nothing
 * and reports the admin client's state: down once closed, otherwise up with {@code checked=false},
 * since nothing was asked of the server (the API-key routes all create or mint).
 */
public class PoolseHealthIndicator implements HealthIndicator {
    /** Longest the real call may take. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final PoolseAdmin admin;
    private final Poolse serviceAccount;

    /**
     * Creates the indicator.
     *
     * @param admin the admin client
     * @param serviceAccount the service-account client, or {@code null} when there is none
     */
    public PoolseHealthIndicator(PoolseAdmin admin, Poolse serviceAccount) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.serviceAccount = serviceAccount;
    }

    /**
     * Reports the health.
     *
     * @return up or down, with the API URL and what was checked; never the key or a token
     */
    @Override
    public Health health() {
        Health.Builder health = new Health.Builder().withDetail("apiUrl", admin.apiUrl());
        if (admin.isClosed()) {
            return health.down().withDetail("reason", "the PoolseAdmin client is closed").build();
        }
        if (serviceAccount == null) {
            return health.up().withDetail("checked", false).build();
        }
        try {
            Me me = serviceAccount.me().show(RequestOptions.defaults().withTimeout(CHECK_TIMEOUT).withMaxRetries(0));
            return health.up().withDetail("checked", true).withDetail("serviceAccount", me.getExternalId()).build();
        } catch (ApiException e) {
            return health.down().withDetail("checked", true).withDetail("status", e.status())
                    .withDetail("code", e.code()).build();
        } catch (RuntimeException e) {
            return health.down().withDetail("checked", true).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
