package dev.poolse.spring;

import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.admin.PoolseAdmin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code poolse.dev-server.enabled=true} and {@code poolse-devserver} on the classpath: starts
 * the embedded dev server on loopback and points the {@link PoolseAdmin} bean (and so the
 * service-account {@code Poolse} bean) at it, with the dev server's tenant API key. For local runs
 * and {@code @SpringBootTest} without a real backend; the server stops with the context.
 */
@AutoConfiguration
@ConditionalOnClass({PoolseDevServer.class, PoolseAdmin.class})
@ConditionalOnProperty(prefix = "poolse.dev-server", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(PoolseProperties.class)
public class PoolseDevServerAutoConfiguration {

    /** Creates the configuration; Spring calls this. */
    public PoolseDevServerAutoConfiguration() {
    }

    /**
     * The embedded dev server. A {@code poolse.api-key}, when set, becomes its tenant key.
     *
     * @param properties the {@code poolse.*} properties
     * @return the started server, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PoolseDevServer poolseDevServer(PoolseProperties properties) {
        PoolseProperties.DevServer dev = properties.getDevServer();
        DevServerConfig.Builder config = DevServerConfig.builder();
        try {
            config.port(dev.getPort()).tokenTtl(dev.getTokenTtl());
            if (properties.getApiKey() != null && !properties.getApiKey().isBlank()) {
                config.apiKey(properties.getApiKey());
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Invalid Poolse configuration (poolse.dev-server.*): " + e.getMessage(), e);
        }
        return PoolseDevServer.start(config.build());
    }

    /**
     * The admin client of the dev server.
     *
     * @param properties the {@code poolse.*} properties
     * @param server the dev server
     * @return the client, closed with the context before the server
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PoolseAdmin poolseAdmin(PoolseProperties properties, PoolseDevServer server) {
        return PoolseBeans.admin(properties, server.apiUrl().toString(), server.apiKey());
    }
}
