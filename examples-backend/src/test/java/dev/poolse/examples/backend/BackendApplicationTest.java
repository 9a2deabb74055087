package dev.poolse.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The entry point of {@code ./poolse-demo backend}: its arguments. PoolseDemoBackendIT starts it
 * through the script and uses the curl line it prints.
 */
class BackendApplicationTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void portBecomesSpringsServerPort() {
        assertThat(BackendApplication.springArguments(new String[] {"--port", "9000"}, NO_ENV))
                .containsExactly("--server.port=9000");
        assertThat(BackendApplication.springArguments(new String[] {"--port=0"}, NO_ENV))
                .containsExactly("--server.port=0");
    }

    @Test
    void otherArgumentsPassThrough() {
        assertThat(BackendApplication.springArguments(new String[] {"--poolse.timeout=5s"}, NO_ENV))
                .containsExactly("--poolse.timeout=5s");
    }

    @Test
    void anInvalidPortIsRefusedWithAMessage() {
        assertThatThrownBy(() -> BackendApplication.springArguments(new String[] {"--port", "http"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> BackendApplication.springArguments(new String[] {"--port=70000"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> BackendApplication.springArguments(new String[] {"--port"}, NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }

    @Test
    void helpAsksForTheUsageOnly() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ConfigurableApplicationContext context = BackendApplication.run(new String[] {"--help"}, NO_ENV,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(context).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: ./poolse-demo backend", "--port N");
    }

    @Test
    void aPoolseApiUrlInTheEnvironmentSwitchesTheDevServerOff() {
        assertThat(BackendApplication.springArguments(new String[0], Map.of("POOLSE_API_URL", "https://api.example.com")))
                .containsExactly("--poolse.dev-server.enabled=false");
    }
}
