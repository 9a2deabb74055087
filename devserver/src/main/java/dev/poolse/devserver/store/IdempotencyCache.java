package dev.poolse.devserver.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The 2xx responses of one tenant keyed by (method, path, Idempotency-Key), kept for 24 hours.
 * Guarded by the owning tenant's lock.
 */
public final class IdempotencyCache {

  /** How long a cached response is replayed. */
  public static final Duration TTL = Duration.ofHours(24);

  /**
   * A cached response.
   *
   * @param requestHash SHA-256 of the request body, to detect reuse with another body
   * @param status the HTTP status
   * @param body the response body (empty for 204)
   * @param storedAt when it was cached
   */
  public record Entry(String requestHash, int status, byte[] body, Instant storedAt) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private static String key(String method, String path, String idempotencyKey) {
    return method + ' ' + path + ' ' + idempotencyKey;
  }

  /**
   * {@return the live entry, or null}
   *
   * @param method the HTTP method
   * @param path the request path
   * @param idempotencyKey the header value
   * @param now the current time, to skip expired entries
   */
  public Entry find(String method, String path, String idempotencyKey, Instant now) {
    evict(now);
    return entries.get(key(method, path, idempotencyKey));
  }

  /**
   * Caches a 2xx response.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param idempotencyKey the header value
   * @param entry the response
   */
  public void put(String method, String path, String idempotencyKey, Entry entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.status() < 200 || entry.status() > 299) {
      throw new IllegalArgumentException("only 2xx responses are cached, got " + entry.status());
    }
    entries.put(key(method, path, idempotencyKey), entry);
  }

  private void evict(Instant now) {
    // Insertion order is storage order, so the expired entries are at the head.
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      if (it.next().storedAt().plus(TTL).isAfter(now)) {
        return;
      }
      it.remove();
    }
  }
}
