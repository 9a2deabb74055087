package dev.poolse.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.admin.PoolseAdmin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans the starter makes for which properties, and how it fails. */
class PoolseAutoConfigurationTest {
    private static final String KEY = "pk_test_starter_secret_77";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PoolseDevServerAutoConfiguration.class,
                    PoolseAutoConfiguration.class, PoolseHealthAutoConfiguration.class));

    @Test
    void withoutPropertiesThereAreNoPoolseBeans() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(PoolseAdmin.class).doesNotHaveBean(Poolse.class)
                    .doesNotHaveBean(PoolseHealthIndicator.class).doesNotHaveBean(PoolseDevServer.class);
        });
    }

    @Test
    void apiKeyGivesAnAdminClientOfTheConfiguredUrl() {
        runner.withPropertyValues("poolse.api-key=" + KEY, "poolse.api-url=https://chat.example.com/")
                .run(context -> {
                    assertThat(context).hasSingleBean(PoolseAdmin.class).doesNotHaveBean(Poolse.class);
                    assertThat(context.getBean(PoolseAdmin.class).apiUrl()).isEqualTo("https://chat.example.com");
                });
    }

    @Test
    void serviceAccountExternalIdGivesAPoolseClient() {
        runner.withPropertyValues("poolse.api-key=" + KEY, "poolse.service-account.external-id=support-bot")
                .run(context -> assertThat(context).hasSingleBean(Poolse.class).hasSingleBean(PoolseAdmin.class));
    }

    @Test
    void bothClientsAreClosedWhenTheContextCloses() {
        PoolseAdmin[] admin = new PoolseAdmin[1];
        Poolse[] chat = new Poolse[1];
        runner.withPropertyValues("poolse.api-key=" + KEY, "poolse.service-account.external-id=support-bot")
                .run(context -> {
                    admin[0] = context.getBean(PoolseAdmin.class);
                    chat[0] = context.getBean(Poolse.class);
                });
        assertThat(admin[0].isClosed()).isTrue();
        assertThatThrownBy(() -> chat[0].me()).isInstanceOf(IllegalStateException.class)
                .hasMessage(Poolse.CLOSED_MESSAGE);
    }

    @Test
    void anApplicationsOwnAdminClientIsKept() {
        runner.withPropertyValues("poolse.api-key=" + KEY)
                .withBean("myAdmin", PoolseAdmin.class, () -> PoolseAdmin.builder().apiKey("pk_test_mine").build())
                .run(context -> assertThat(context).hasSingleBean(PoolseAdmin.class).hasBean("myAdmin"));
    }

    @Test
    void healthIndicatorIsThereWithActuator() {
        runner.withPropertyValues("poolse.api-key=" + KEY).run(context -> {
            assertThat(context).hasSingleBean(PoolseHealthIndicator.class);
            Health health = context.getBean(PoolseHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("checked", false);
        });
    }

    @Test
    void healthIndicatorIsAbsentWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("poolse.api-key=" + KEY)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(PoolseAdmin.class);
                    assertThat(context).doesNotHaveBean("poolseHealthIndicator");
                });
    }

    @Test
    void healthIsDownOnceTheAdminClientIsClosed() {
        runner.withPropertyValues("poolse.api-key=" + KEY).run(context -> {
            context.getBean(PoolseAdmin.class).close();
            assertThat(context.getBean(PoolseHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void negativeRetriesFailStartupNamingTheSetting() {
        runner.withPropertyValues("poolse.api-key=" + KEY, "poolse.max-retries=-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("maxRetries must not be negative"));
    }

    @Test
    void malformedApiUrlFailsStartupWithAClearMessage() {
        runner.withPropertyValues("poolse.api-key=" + KEY, "poolse.api-url=ftp://chat.example.com")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("Invalid Poolse configuration (poolse.*): apiUrl must use http or https"));
    }

    @Test
    void unusableKeyFailsStartupWithoutQuotingIt() {
        String bad = "pk_test with_space";
        runner.withPropertyValues("poolse.api-key=" + bad).run(context -> {
            assertThat(context).getFailure().hasStackTraceContaining("apiKey is not usable");
            assertThat(stackTrace(context.getStartupFailure())).doesNotContain(bad);
        });
    }

    @Test
    void serviceAccountWithoutAKeyFailsStartupSayingWhatIsMissing() {
        runner.withPropertyValues("poolse.service-account.external-id=support-bot")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("there is no PoolseAdmin to mint its tokens"));
    }

    @Test
    void devServerEnabledWithoutTheDevServerOnTheClasspathFailsStartupSayingSo() {
        runner.withClassLoader(new FilteredClassLoader(PoolseDevServer.class))
                .withPropertyValues("poolse.dev-server.enabled=true")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("poolse-devserver is not on the classpath"));
    }

    @Test
    void devServerEnabledPointsTheAdminClientAtItWithItsKey() {
        runner.withPropertyValues("poolse.dev-server.enabled=true").run(context -> {
            PoolseDevServer server = context.getBean(PoolseDevServer.class);
            PoolseAdmin admin = context.getBean(PoolseAdmin.class);
            assertThat(admin.apiUrl()).isEqualTo(server.apiUrl().toString().replaceAll("/+$", ""));
            // A real call: only the dev server's own key is accepted.
            assertThat(admin.users().upsert("alice").created()).isTrue();
        });
    }

    @Test
    void devServerIsStoppedWhenTheContextCloses() {
        PoolseDevServer[] server = new PoolseDevServer[1];
        runner.withPropertyValues("poolse.dev-server.enabled=true")
                .run(context -> server[0] = context.getBean(PoolseDevServer.class));
        PoolseAdmin probe = PoolseAdmin.builder().apiUrl(server[0].apiUrl().toString()).apiKey(server[0].apiKey())
                .maxRetries(0).build();
        try (probe) {
            assertThatThrownBy(() -> probe.users().upsert("alice")).isInstanceOf(dev.poolse.sdk.NetworkException.class);
        }
    }

    @Test
    void healthMakesARealCallAsTheServiceAccount() {
        runner.withPropertyValues("poolse.dev-server.enabled=true", "poolse.service-account.external-id=support-bot")
                .run(context -> {
                    Health health = context.getBean(PoolseHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("checked", true)
                            .containsEntry("serviceAccount", "support-bot");
                });
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
