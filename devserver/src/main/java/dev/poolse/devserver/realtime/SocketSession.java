package dev.poolse.devserver.realtime;

import dev.poolse.devserver.auth.TokenService;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/**
 * One connected WebSocket and the channels it joined. The join table is guarded by the
 * {@link RealtimeHub}'s lock; frames are written with {@link #send(String)} from any thread.
 */
public final class SocketSession {

  /** One joined topic of this socket. Guarded by the hub's lock. */
  static final class Joined {
    final String topic;
    final String joinRef;
    final String phxRef;
    long windowSecond = Long.MIN_VALUE;
    int pushesInWindow;
    boolean typing;
    ScheduledFuture<?> typingStop;

    Joined(String topic, String joinRef, String phxRef) {
      this.topic = topic;
      this.joinRef = joinRef;
      this.phxRef = phxRef;
    }
  }

  private final Channel channel;
  private final TokenService.Claims claims;
  final Map<String, Joined> joins = new HashMap<>();

  /**
   * Starts the session of a WebSocket connection that passed authentication.
   *
   * @param channel the WebSocket channel
   * @param claims the verified token of the connecting user
   */
  public SocketSession(Channel channel, TokenService.Claims claims) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.claims = Objects.requireNonNull(claims, "claims");
  }

  /** {@return the user of this socket} */
  public UUID userId() {
    return claims.userId();
  }

  /** {@return the tenant of this socket's user} */
  public UUID tenantId() {
    return claims.tenantId();
  }

  /** {@return the external id of this socket's user} */
  public String externalId() {
    return claims.externalId();
  }

  /** {@return the Netty channel} */
  public Channel channel() {
    return channel;
  }

  /**
   * Queues a text frame. Always goes through the channel's task queue, even on its own event
   * loop, so that frames leave in exactly the order callers queued them under the hub or tenant
   * lock (a direct write from the event loop could overtake frames queued earlier by another
   * thread).
   *
   * @param text the frame text
   */
  public void send(String text) {
    channel.eventLoop().execute(() -> {
      if (channel.isActive()) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
      }
    });
  }

  /** Closes the connection abruptly (no close frame), as a network drop would. */
  public void drop() {
    channel.eventLoop().execute(channel::close);
  }
}
