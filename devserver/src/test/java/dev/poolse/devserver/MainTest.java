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
}
