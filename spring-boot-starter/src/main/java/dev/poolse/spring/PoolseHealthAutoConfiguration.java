package dev.poolse.spring;

import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.admin.PoolseAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code poolse} health indicator, only when Actuator is on the classpath and there is a {@link PoolseAdmin}. */
@AutoConfiguration(after = PoolseAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, PoolseAdmin.class})
@ConditionalOnBean(PoolseAdmin.class)
public class PoolseHealthAutoConfiguration {

    /** Creates the configuration; Spring calls this. */
    public PoolseHealthAutoConfiguration() {
    }

    /**
     * The indicator, named {@code poolse} after its bean.
     *
     * @param admin the admin client
     * @param serviceAccount the service-account client, if any
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "poolseHealthIndicator")
    public PoolseHealthIndicator poolseHealthIndicator(PoolseAdmin admin, ObjectProvider<Poolse> serviceAccount) {
        return new PoolseHealthIndicator(admin, serviceAccount.getIfAvailable());
    }
}
