package dev.poolse.spring;

import dev.poolse.sdk.Poolse;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code poolse.*} properties of the starter.
 *
 * <pre>
 * poolse.api-key=${POOLSE_API_KEY}
 * poolse.service-account.external-id=support-bot
 * </pre>
 */
@ConfigurationProperties("poolse")
public class PoolseProperties {
    /** Base URL of the Poolse REST API, without /v1. */
    private String apiUrl = Poolse.DEFAULT_API_URL;
    /** The tenant API key (pk_live_...); keep it in the environment or a secret store, not in a committed file. */
    private String apiKey;
    /** Retries after the first attempt of each call. */
    private int maxRetries = 3;
    /** First backoff ceiling of the full-jitter retry delays. */
    private Duration baseBackoff = Duration.ofMillis(250);
    /** Cap of a single computed retry delay. */
    private Duration maxBackoff = Duration.ofSeconds(30);
    /** Budget of each call, every attempt and retry wait included; none when unset. */
    private Duration timeout;
    /** Longest one attempt may take before it is abandoned and retried. */
    private Duration attemptTimeout = Poolse.DEFAULT_ATTEMPT_TIMEOUT;
    /** Size of the client-wide retry budget; 0 disables retries. */
    private int retryBudget = 500;
    /** The user a Poolse bean acts as, for bots and backend jobs. */
    private final ServiceAccount serviceAccount = new ServiceAccount();
    /** The embedded dev server, for local runs and tests. */
    private final DevServer devServer = new DevServer();

    /** Creates the properties with their defaults. */
    public PoolseProperties() {
    }

    /**
     * Returns the API base URL.
     *
     * @return the URL
     */
    public String getApiUrl() {
        return apiUrl;
    }

    /**
     * Sets the API base URL.
     *
     * @param apiUrl the URL, without {@code /v1}
     */
    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /**
     * Returns the tenant API key.
     *
     * @return the key, or {@code null} when unset
     */
    public String getApiKey() {
        return apiKey;
    }

    /**
     * Sets the tenant API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * Returns the retries after the first attempt.
     *
     * @return the retries
     */
    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * Sets the retries after the first attempt.
     *
     * @param maxRetries not negative
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * Returns the first backoff ceiling.
     *
     * @return the ceiling
     */
    public Duration getBaseBackoff() {
        return baseBackoff;
    }

    /**
     * Sets the first backoff ceiling.
     *
     * @param baseBackoff not negative
     */
    public void setBaseBackoff(Duration baseBackoff) {
        this.baseBackoff = baseBackoff;
    }

    /**
     * Returns the cap of one retry delay.
     *
     * @return the cap
     */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /**
     * Sets the cap of one retry delay.
     *
     * @param maxBackoff at least the base backoff
     */
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /**
     * Returns the budget of each call.
     *
     * @return the budget, or {@code null} for none
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the budget of each call.
     *
     * @param timeout positive, or {@code null} for none
     */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Returns the longest one attempt may take.
     *
     * @return the bound
     */
    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Sets the longest one attempt may take.
     *
     * @param attemptTimeout positive
     */
    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * Returns the size of the retry budget.
     *
     * @return the size
     */
    public int getRetryBudget() {
        return retryBudget;
    }

    /**
     * Sets the size of the retry budget.
     *
     * @param retryBudget not negative
     */
    public void setRetryBudget(int retryBudget) {
        this.retryBudget = retryBudget;
    }

    /**
     * Returns the service-account settings.
     *
     * @return the settings
     */
    public ServiceAccount getServiceAccount() {
        return serviceAccount;
    }

    /**
     * Returns the dev-server settings.
     *
     * @return the settings
     */
    public DevServer getDevServer() {
        return devServer;
    }

    /** The {@code poolse.service-account.*} properties. */
    public static class ServiceAccount {
        /** External id of the user the Poolse bean acts as; no Poolse bean when unset. */
        private String externalId;

        /** Creates the settings with nothing set. */
        public ServiceAccount() {
        }

        /**
         * Returns the external id.
         *
         * @return the id, or {@code null} when unset
         */
        public String getExternalId() {
            return externalId;
        }

        /**
         * Sets the external id.
         *
         * @param externalId the user's id in your system
         */
        public void setExternalId(String externalId) {
            this.externalId = externalId;
        }
    }

    /** The {@code poolse.dev-server.*} properties. */
    public static class DevServer {
        /** Start the embedded dev server (needs dev.poolse:poolse-devserver) and point the beans at it. */
        private boolean enabled;
        /** Loopback port of the dev server; 0 picks a free one. */
        private int port;
        /** Lifetime of the tokens the dev server mints. */
        private Duration tokenTtl = Duration.ofHours(1);

        /** Creates the settings with their defaults. */
        public DevServer() {
        }

        /**
         * Returns whether the dev server is started.
         *
         * @return whether it is enabled
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the dev server is started.
         *
         * @param enabled whether to start it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the port.
         *
         * @return the port, 0 for any free one
         */
        public int getPort() {
            return port;
        }

        /**
         * Sets the port.
         *
         * @param port 0 to 65535
         */
        public void setPort(int port) {
            this.port = port;
        }

        /**
         * Returns the lifetime of minted tokens.
         *
         * @return the lifetime
         */
        public Duration getTokenTtl() {
            return tokenTtl;
        }

        /**
         * Sets the lifetime of minted tokens.
         *
         * @param tokenTtl positive
         */
        public void setTokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
        }
    }
}
