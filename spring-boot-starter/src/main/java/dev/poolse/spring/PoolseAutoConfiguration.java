package dev.poolse.spring;

import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.admin.PoolseAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The {@link PoolseAdmin} bean (when {@code poolse.api-key} is set or the dev server is enabled)
 * and the service-account {@link Poolse} bean (when {@code poolse.service-account.external-id} is
 * set). Both are closed when the context shuts down, the {@code Poolse} first. An application that
 * defines its own bean of either type keeps it.
 */
@AutoConfiguration(after = PoolseDevServerAutoConfiguration.class)
@ConditionalOnClass(PoolseAdmin.class)
@EnableConfigurationProperties(PoolseProperties.class)
public class PoolseAutoConfiguration {

    /** Creates the configuration; Spring calls this. */
    public PoolseAutoConfiguration() {
    }

    /**
     * The admin client of the configured backend.
     *
     * @param properties the {@code poolse.*} properties
     * @return the client, closed with the context
     * @throws IllegalStateException when a property is invalid, or the dev server is enabled
     *     without {@code poolse-devserver} on the classpath
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(AdminConfigured.class)
    public PoolseAdmin poolseAdmin(PoolseProperties properties) {
        if (properties.getDevServer().isEnabled()) {
            throw new IllegalStateException("poolse.dev-server.enabled=true, but dev.poolse:poolse-devserver is not on"
                    + " the classpath: add it (test scope is enough) or remove the property");
        }
        if (properties.getApiKey() == null || properties.getApiKey().isBlank()) {
            throw new IllegalStateException("Invalid Poolse configuration: poolse.api-key is set but blank");
        }
        return PoolseBeans.admin(properties, properties.getApiUrl(), properties.getApiKey());
    }

    /**
     * A client acting as the service-account user, with tokens minted by the admin client.
     *
     * @param properties the {@code poolse.*} properties
     * @param admin the admin client
     * @return the client, closed with the context before the admin client
     * @throws IllegalStateException when there is no admin client or a property is invalid
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "poolse.service-account", name = "external-id")
    public Poolse poolse(PoolseProperties properties, ObjectProvider<PoolseAdmin> admin) {
        PoolseAdmin client = admin.getIfAvailable();
        if (client == null) {
            throw new IllegalStateException("poolse.service-account.external-id is set, but there is no PoolseAdmin"
                    + " to mint its tokens: set poolse.api-key, or poolse.dev-server.enabled=true");
        }
        return PoolseBeans.serviceAccount(properties, client);
    }

    /** Either a key or the dev server. */
    static final class AdminConfigured extends AnyNestedCondition {
        AdminConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "poolse", name = "api-key")
        static final class ApiKey {
        }

        @ConditionalOnProperty(prefix = "poolse.dev-server", name = "enabled", havingValue = "true")
        static final class DevServer {
        }
    }
}
