package dev.poolse.devserver.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed one-second window per caller (user id or API key). Thread-safe. Returns the seconds to
 * wait when the caller is over the limit.
 */
final class RateLimiter {

  private static final class Window {
    long second;
    int count;
  }

  private final int perSecond;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  RateLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /**
   * {@return 0 when allowed, else the Retry-After seconds}
   *
   * @param caller the caller key
   * @param nowMillis the current time
   */
  long acquire(String caller, long nowMillis) {
    if (perSecond <= 0) {
      return 0;
    }
    long second = nowMillis / 1000;
    Window w = windows.computeIfAbsent(caller, k -> new Window());
    synchronized (w) {
      if (w.second != second) {
        w.second = second;
        w.count = 0;
      }
      if (w.count >= perSecond) {
        return 1;
      }
      w.count++;
      return 0;
    }
  }
}
