package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void defaultsToPort4000WithoutAdmin() {
    DevServerConfig c = Main.parse(new String[0], null);
    assertThat(c.port()).isEqualTo(4000);
    assertThat(c.admin()).isFalse();
    assertThat(c.apiKey()).isEqualTo("pk_test_poolse_dev");
  }

  @Test
  void readsEveryFlag() {
    DevServerConfig c = Main.parse(new String[] {"--host", "0.0.0.0", "--port", "0", "--api-key", "pk_test_x", "--admin"}, null);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isZero();
    assertThat(c.apiKey()).isEqualTo("pk_test_x");
    assertThat(c.admin()).isTrue();
  }

  @Test
  void takesTheApiKeyFromTheEnvironmentUnlessAFlagOverridesIt() {
    assertThat(Main.parse(new String[0], "pk_env").apiKey()).isEqualTo("pk_env");
    assertThat(Main.parse(new String[] {"--api-key", "pk_flag"}, "pk_env").apiKey()).isEqualTo("pk_flag");
  }

  @Test
  void rejectsUnknownArgumentsAndBadPorts() {
    assertThatThrownBy(() -> Main.parse(new String[] {"--nope"}, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Main.parse(new String[] {"--port", "x"}, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Main.parse(new String[] {"--port"}, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheCallFlags() {
    DevServerConfig c = Main.parse(new String[] {"--sfu-url", "wss://sfu.example", "--ice-ttl", "600"}, null);
    assertThat(c.sfuUrl()).isEqualTo("wss://sfu.example");
    assertThat(c.iceTtl()).isEqualTo(java.time.Duration.ofSeconds(600));
    assertThat(Main.parse(new String[0], null).sfuUrl()).as("no SFU unless asked").isNull();
  }

  @Test
  void rejectsAnSfuUrlThatIsNotAWebSocketUrl() {
    assertThatThrownBy(() -> Main.parse(new String[] {"--sfu-url", "https://sfu.example"}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws://");
  }

  @Test
  void readsTheTimeoutFlagsInSecondsOrMilliseconds() {
    DevServerConfig c = Main.parse(new String[] {"--read-timeout", "5", "--idle-timeout", "1500ms"}, null);
    assertThat(c.readTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(c.idleTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
    assertThat(Main.parse(new String[] {"--read-timeout", "7s"}, null).readTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
  }

  @Test
  void timeoutsDefaultTo30And60Seconds() {
    DevServerConfig c = Main.parse(new String[0], null);
    assertThat(c.readTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(c.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
  }

  @Test
  void rejectsBadTimeouts() {
    assertThatThrownBy(() -> Main.parse(new String[] {"--read-timeout", "soon"}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--read-timeout");
    assertThatThrownBy(() -> Main.parse(new String[] {"--read-timeout", "0"}, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Main.parse(new String[] {"--idle-timeout"}, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
