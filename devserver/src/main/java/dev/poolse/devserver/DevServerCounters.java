package dev.poolse.devserver;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters a test can read to count duplicates and losses from outside. Thread-safe; values are
 * live (each call reads the current count).
 */
public final class DevServerCounters {

  private final Map<UUID, LongAdder> messagesByConversation = new ConcurrentHashMap<>();
  private final LongAdder totalMessages = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder idempotentReplays = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final AtomicInteger socketsOpen = new AtomicInteger();
  private final AtomicLong socketsAccepted = new AtomicLong();
  private final AtomicLong socketsRefused = new AtomicLong();
  private final LongAdder broadcasts = new LongAdder();

  /** Created by the server; read it through {@code PoolseDevServer.counters()}. */
  public DevServerCounters() {}

  /**
   * {@return messages stored in it (replays and deduplicated resends not counted)}
   *
   * @param conversationId a conversation id
   */
  public long messagesStored(UUID conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    LongAdder a = messagesByConversation.get(conversationId);
    return a == null ? 0 : a.sum();
  }

  /** {@return messages stored across all conversations and tenants} */
  public long totalMessagesStored() {
    return totalMessages.sum();
  }

  /** {@return HTTP requests received (all routes)} */
  public long requests() {
    return requests.sum();
  }

  /** {@return responses replayed from the idempotency cache} */
  public long idempotentReplays() {
    return idempotentReplays.sum();
  }

  /** {@return requests answered 429 by the rate limiter (injected 429s not counted)} */
  public long rateLimited() {
    return rateLimited.sum();
  }

  /** {@return WebSockets open now} */
  public int socketsOpen() {
    return socketsOpen.get();
  }

  /** {@return WebSocket upgrades accepted since start} */
  public long socketsAccepted() {
    return socketsAccepted.get();
  }

  /** {@return WebSocket upgrades refused since start} */
  public long socketsRefused() {
    return socketsRefused.get();
  }

  /** {@return realtime frames pushed to clients (broadcasts and channel pushes)} */
  public long framesPushed() {
    return broadcasts.sum();
  }

  /**
   * Counts a stored message. Called by the server.
   *
   * @param conversationId the conversation
   */
  public void messageStored(UUID conversationId) {
    messagesByConversation.computeIfAbsent(conversationId, k -> new LongAdder()).increment();
    totalMessages.increment();
  }

  /** Counts a request. Called by the server. */
  public void requestReceived() {
    requests.increment();
  }

  /** Counts an idempotent replay. Called by the server. */
  public void replayed() {
    idempotentReplays.increment();
  }

  /** Counts a rate-limited request. Called by the server. */
  public void rateLimitedOnce() {
    rateLimited.increment();
  }

  /**
   * Tracks open sockets. Called by the server.
   *
   * @param opened true on open, false on close
   */
  public void socket(boolean opened) {
    if (opened) {
      socketsOpen.incrementAndGet();
      socketsAccepted.incrementAndGet();
    } else {
      socketsOpen.decrementAndGet();
    }
  }

  /** Counts a refused upgrade. Called by the server. */
  public void socketRefused() {
    socketsRefused.incrementAndGet();
  }

  /** Counts a pushed frame. Called by the server. */
  public void framePushed() {
    broadcasts.increment();
  }

  /**
   * A snapshot for {@code GET /_dev/counters}.
   *
   * @return counter name to value; {@code messages_stored} maps conversation ids to counts
   */
  public Map<String, Object> snapshot() {
    Map<String, Long> perConversation = new java.util.TreeMap<>();
    messagesByConversation.forEach((k, v) -> perConversation.put(k.toString(), v.sum()));
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("requests", requests());
    m.put("total_messages_stored", totalMessagesStored());
    m.put("messages_stored", perConversation);
    m.put("idempotent_replays", idempotentReplays());
    m.put("rate_limited", rateLimited());
    m.put("sockets_open", socketsOpen());
    m.put("sockets_accepted", socketsAccepted());
    m.put("sockets_refused", socketsRefused());
    m.put("frames_pushed", framesPushed());
    return m;
  }
}
