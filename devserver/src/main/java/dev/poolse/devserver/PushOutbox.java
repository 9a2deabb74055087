package dev.poolse.devserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The VoIP pushes the dev server would have sent to APNs or FCM, in the order it sent them. The
 * dev server talks to no push service; tests read this instead ({@link PoolseDevServer#sentPushes()},
 * {@code GET /_dev/pushes}). Thread-safe; bounded so a long-running server does not grow without
 * limit.
 */
public final class PushOutbox {
  /** How many pushes are kept; older ones are dropped first. */
  public static final int CAPACITY = 1000;

  /**
   * One push.
   *
   * @param userId the user whose device it went to
   * @param deviceId the device (the {@code id} of the registered Device)
   * @param token the raw push token it was addressed to
   * @param platform {@code ios} or {@code android}
   * @param environment the APNs environment stored with the device
   * @param payload the custom top-level keys (see the {@code VoipPush} schema of the AsyncAPI document)
   * @param sentAt when the server sent it
   */
  public record SentPush(UUID userId, UUID deviceId, String token, String platform, String environment,
      Map<String, Object> payload, Instant sentAt) {
    /**
     * Checks and copies the components.
     *
     * @param userId the user
     * @param deviceId the device
     * @param token the token
     * @param platform the platform
     * @param environment the environment
     * @param payload the payload, copied
     * @param sentAt the time
     */
    public SentPush {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(deviceId, "deviceId");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(environment, "environment");
      payload = Map.copyOf(payload);
      Objects.requireNonNull(sentAt, "sentAt");
    }
  }

  private final List<SentPush> sent = new ArrayList<>();

  /** Creates an empty outbox. */
  public PushOutbox() {
  }

  /**
   * Records a push.
   *
   * @param push what was sent
   */
  public void record(SentPush push) {
    Objects.requireNonNull(push, "push");
    synchronized (sent) {
      if (sent.size() == CAPACITY) {
        sent.remove(0);
      }
      sent.add(push);
    }
  }

  /** {@return a snapshot of the pushes sent so far, oldest first} */
  public List<SentPush> snapshot() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Forgets every push recorded so far. */
  public void clear() {
    synchronized (sent) {
      sent.clear();
    }
  }
}
