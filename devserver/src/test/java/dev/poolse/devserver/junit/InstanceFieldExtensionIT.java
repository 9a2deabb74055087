package dev.poolse.devserver.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.devserver.PoolseDevServer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An instance field gets a fresh server for every test. */
@ExtendWith(PoolseDevServerExtension.class)
class InstanceFieldExtensionIT {

  private static final Set<Integer> PORTS = new HashSet<>();

  PoolseDevServer server;

  @Test
  void firstTestGetsItsOwnServer() {
    assertThat(server).isNotNull();
    assertThat(PORTS.add(server.apiUrl().getPort())).isTrue();
  }

  @Test
  void secondTestGetsAnotherServer() {
    assertThat(server).isNotNull();
    assertThat(PORTS.add(server.apiUrl().getPort())).isTrue();
  }

  @Test
  void parameterAndFieldShareTheTestsServer(PoolseDevServer parameter) {
    assertThat(parameter).isSameAs(server);
  }
}
