package dev.poolse.devserver.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DevServerFaultsTest {

  private final AtomicInteger drops = new AtomicInteger();
  private final AtomicInteger expiries = new AtomicInteger();
  private final CompletableFuture<Void> scheduled = new CompletableFuture<>();

  private final DevServerFaults faults = new DevServerFaults(new DevServerFaults.Hooks() {
    @Override
    public void dropSockets() {
      drops.incrementAndGet();
    }

    @Override
    public void expireAllTokens() {
      expiries.incrementAndGet();
    }

    @Override
    public Future<?> scheduleAtFixedRate(Runnable task, Duration period) {
      return scheduled;
    }
  });

  @Test
  void failNextIsConsumedExactlyNTimes() {
    faults.failNext(2, 500, null, null);
    assertThat(faults.decide("/v1/me").action()).isEqualTo(DevServerFaults.Action.FAIL);
    assertThat(faults.decide("/v1/me").action()).isEqualTo(DevServerFaults.Action.FAIL);
    assertThat(faults.decide("/v1/me")).isEqualTo(DevServerFaults.Decision.NONE);
    assertThat(faults.failuresInjected()).isEqualTo(2);
  }

  @Test
  void pathPrefixLimitsAFault() {
    faults.resetAfterProcessing(1, "/v1/conversations");
    assertThat(faults.decide("/v1/me")).isEqualTo(DevServerFaults.Decision.NONE);
    assertThat(faults.decide("/v1/conversations/x/messages").action())
        .isEqualTo(DevServerFaults.Action.RESET_AFTER_PROCESSING);
  }

  @Test
  void clearRemovesFaultsAndCancelsPeriodicDrops() {
    faults.failNext(1, 503, Duration.ofSeconds(1), null);
    faults.dropSocketsEvery(Duration.ofSeconds(1));
    faults.stopHeartbeatReplies(true);
    faults.clear();
    assertThat(faults.decide("/v1/me")).isEqualTo(DevServerFaults.Decision.NONE);
    assertThat(scheduled).isCancelled();
    assertThat(faults.answerHeartbeat()).isTrue();
  }

  @Test
  void socketAndTokenFaultsReachTheServerHooks() {
    faults.dropSockets();
    faults.expireAllTokens();
    assertThat(drops).hasValue(1);
    assertThat(expiries).hasValue(1);
    assertThat(faults.socketDrops()).isEqualTo(1);
  }

  @Test
  void rejectsNonsenseArguments() {
    assertThatThrownBy(() -> faults.failNext(0, 500, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.failNext(1, 200, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.failRatio(1.5, 1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.delayResponses(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.dropSocketsEvery(Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
