package dev.poolse.devserver.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for tests: failed, delayed and reset HTTP exchanges, dropped sockets, silent
 * heartbeats and revoked tokens. Thread-safe: every method may be called from any thread, also
 * while requests are in flight; each fault applies to requests that start after the call.
 *
 * <p>Faults apply to the API routes ({@code /v1/...}) and the upload routes, never to
 * {@code /_dev/} and {@code /spec/}.
 */
public final class DevServerFaults {

  /** What the server should do with one request. */
  public enum Action {
    /** Serve it normally. */
    NONE,
    /** Answer with an injected error status instead of processing it. */
    FAIL,
    /** Process it, then close the connection without writing the response. */
    RESET_AFTER_PROCESSING
  }

  /**
   * The fault decided for one request.
   *
   * @param action what to do
   * @param status the status to answer with for {@link Action#FAIL}
   * @param retryAfter the Retry-After to send with it, or null
   */
  public record Decision(Action action, int status, Duration retryAfter) {
    /** Serve the request normally. */
    public static final Decision NONE = new Decision(Action.NONE, 0, null);
  }

  /** What the server lends the faults to reach sockets and tokens. */
  public interface Hooks {
    /** Closes every open WebSocket. */
    void dropSockets();

    /** Revokes every token minted so far. */
    void expireAllTokens();

    /**
     * Runs a task repeatedly on a server thread until cancelled.
     *
     * @param task the task
     * @param period the period
     * @return a handle to cancel it
     */
    Future<?> scheduleAtFixedRate(Runnable task, Duration period);
  }

  private record FailRule(int remaining, int status, Duration retryAfter, String pathPrefix) {}

  private record ResetRule(int remaining, String pathPrefix) {}

  private record RatioRule(double probability, Random random, String pathPrefix) {}

  private final Hooks hooks;
  private final List<FailRule> failRules = new ArrayList<>();
  private final List<ResetRule> resetRules = new ArrayList<>();
  private RatioRule ratioRule;
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean heartbeatsStopped;
  private Future<?> dropTask;

  private final AtomicLong failuresInjected = new AtomicLong();
  private final AtomicLong resetsInjected = new AtomicLong();
  private final AtomicLong delaysInjected = new AtomicLong();
  private final AtomicLong socketDrops = new AtomicLong();
  private final AtomicLong heartbeatsIgnored = new AtomicLong();

  /**
   * Created by the server; tests reach it through {@code PoolseDevServer.faults()}.
   *
   * @param hooks access to sockets, tokens and the server's scheduler
   */
  public DevServerFaults(Hooks hooks) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /**
   * Fails the next {@code n} matching requests with {@code status} without processing them.
   *
   * @param n how many requests, at least 1
   * @param status the status, 400..599
   * @param retryAfterOrNull the Retry-After to send (whole seconds, rounded up), or null for none
   * @param pathPrefixOrNull only requests whose path starts with this, or null for all
   */
  public void failNext(int n, int status, Duration retryAfterOrNull, String pathPrefixOrNull) {
    requireCount(n);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be within 400..599, got " + status);
    }
    if (retryAfterOrNull != null && retryAfterOrNull.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
    synchronized (this) {
      failRules.add(new FailRule(n, status, retryAfterOrNull, pathPrefixOrNull));
    }
  }

  /**
   * Delays every response by {@code d} (the request is processed first). {@link Duration#ZERO}
   * turns the delay off.
   *
   * @param d the delay, not negative
   */
  public void delayResponses(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    this.delay = d;
  }

  /**
   * Processes the next {@code n} matching requests, then closes their connections without a
   * response: the hard case for idempotent retries.
   *
   * @param n how many requests, at least 1
   * @param pathPrefixOrNull only requests whose path starts with this, or null for all
   */
  public void resetAfterProcessing(int n, String pathPrefixOrNull) {
    requireCount(n);
    synchronized (this) {
      resetRules.add(new ResetRule(n, pathPrefixOrNull));
    }
  }

  /**
   * Random fault mode for reliability tests: each matching request fails with probability
   * {@code p}, picking evenly among 500, 503, 429 with {@code Retry-After: 1}, and a reset after
   * the request was processed. Seeded, so a run is repeatable for a given request order.
   *
   * @param p the probability, 0..1 (0 turns the mode off)
   * @param seed the random seed
   * @param pathPrefixOrNull only requests whose path starts with this, or null for all
   */
  public void failRatio(double p, long seed, String pathPrefixOrNull) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("p must be within 0..1, got " + p);
    }
    synchronized (this) {
      ratioRule = p == 0.0 ? null : new RatioRule(p, new Random(seed), pathPrefixOrNull);
    }
  }

  /** Closes every open WebSocket now (clients see an abnormal close and reconnect). */
  public void dropSockets() {
    socketDrops.incrementAndGet();
    hooks.dropSockets();
  }

  /**
   * Closes every open WebSocket every {@code period} until {@link #clear()}.
   *
   * @param period the period, at least 10 ms
   */
  public void dropSocketsEvery(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.toMillis() < 10) {
      throw new IllegalArgumentException("period must be at least 10 ms, got " + period);
    }
    synchronized (this) {
      cancelDropTask();
      dropTask = hooks.scheduleAtFixedRate(this::dropSockets, period);
    }
  }

  /**
   * Stops (or resumes) answering heartbeats, so clients detect a dead connection.
   *
   * @param stopped true to stop answering
   */
  public void stopHeartbeatReplies(boolean stopped) {
    this.heartbeatsStopped = stopped;
  }

  /** Revokes every token minted so far; requests with them get 401 {@code invalid_user_token}. */
  public void expireAllTokens() {
    hooks.expireAllTokens();
  }

  /** Removes every pending fault, stops periodic drops and resumes heartbeats. Counters stay. */
  public void clear() {
    synchronized (this) {
      failRules.clear();
      resetRules.clear();
      ratioRule = null;
      cancelDropTask();
    }
    delay = Duration.ZERO;
    heartbeatsStopped = false;
  }

  private void cancelDropTask() {
    if (dropTask != null) {
      dropTask.cancel(false);
      dropTask = null;
    }
  }

  /** {@return requests answered with an injected error status} */
  public long failuresInjected() {
    return failuresInjected.get();
  }

  /** {@return connections reset after processing} */
  public long resetsInjected() {
    return resetsInjected.get();
  }

  /** {@return responses delayed} */
  public long delaysInjected() {
    return delaysInjected.get();
  }

  /** {@return times every socket was dropped} */
  public long socketDrops() {
    return socketDrops.get();
  }

  /** {@return heartbeats left unanswered} */
  public long heartbeatsIgnored() {
    return heartbeatsIgnored.get();
  }

  /**
   * Decides the fault for one request and consumes it. Called by the server on its I/O thread.
   *
   * @param path the request path
   * @return the decision
   */
  public synchronized Decision decide(String path) {
    for (int i = 0; i < failRules.size(); i++) {
      FailRule r = failRules.get(i);
      if (matches(r.pathPrefix(), path)) {
        consume(failRules, i, r.remaining() - 1, new FailRule(r.remaining() - 1, r.status(), r.retryAfter(), r.pathPrefix()));
        failuresInjected.incrementAndGet();
        return new Decision(Action.FAIL, r.status(), r.retryAfter());
      }
    }
    for (int i = 0; i < resetRules.size(); i++) {
      ResetRule r = resetRules.get(i);
      if (matches(r.pathPrefix(), path)) {
        consume(resetRules, i, r.remaining() - 1, new ResetRule(r.remaining() - 1, r.pathPrefix()));
        resetsInjected.incrementAndGet();
        return new Decision(Action.RESET_AFTER_PROCESSING, 0, null);
      }
    }
    if (ratioRule != null && matches(ratioRule.pathPrefix(), path)
        && ratioRule.random().nextDouble() < ratioRule.probability()) {
      switch (ratioRule.random().nextInt(4)) {
        case 0:
          failuresInjected.incrementAndGet();
          return new Decision(Action.FAIL, 500, null);
        case 1:
          failuresInjected.incrementAndGet();
          return new Decision(Action.FAIL, 503, null);
        case 2:
          failuresInjected.incrementAndGet();
          return new Decision(Action.FAIL, 429, Duration.ofSeconds(1));
        default:
          resetsInjected.incrementAndGet();
          return new Decision(Action.RESET_AFTER_PROCESSING, 0, null);
      }
    }
    return Decision.NONE;
  }

  private static <T> void consume(List<T> rules, int index, int remaining, T next) {
    if (remaining <= 0) {
      rules.remove(index);
    } else {
      rules.set(index, next);
    }
  }

  private static boolean matches(String prefix, String path) {
    return prefix == null || path.startsWith(prefix);
  }

  /**
   * The delay to apply to the current response; counts it when non-zero.
   *
   * @return the delay, {@link Duration#ZERO} for none
   */
  public Duration takeDelay() {
    Duration d = delay;
    if (!d.isZero()) {
      delaysInjected.incrementAndGet();
    }
    return d;
  }

  /**
   * Whether to answer a heartbeat now; counts the ones ignored.
   *
   * @return true to answer
   */
  public boolean answerHeartbeat() {
    if (heartbeatsStopped) {
      heartbeatsIgnored.incrementAndGet();
      return false;
    }
    return true;
  }

  private static void requireCount(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
  }
}
