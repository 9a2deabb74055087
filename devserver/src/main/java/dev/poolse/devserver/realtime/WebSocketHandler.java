package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-socket inbound handler after the upgrade. Runs on the socket's event loop: parses
 * frames and hands them to the {@link RealtimeHub}. A frame it cannot accept ends the socket with
 * a Close frame that says why: 1007 for a text frame that is not valid UTF-8, 1003 for a binary
 * frame, 1008 (policy) for text that is not a Phoenix 2.0.0 frame, 1009 for a message over 1 MiB.
 * A socket silent for the idle timeout is dropped, like a Phoenix server does.
 */
public final class WebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);

  private final RealtimeHub hub;
  private final SocketSession session;
  private final WebSocketServerHandshaker handshaker;
  private final ObjectMapper mapper;

  /**
   * Creates the handler of one upgraded WebSocket connection.
   *
   * @param hub the hub
   * @param session this socket's session
   * @param handshaker the handshaker, to answer close frames
   * @param mapper the wire mapper
   */
  public WebSocketHandler(RealtimeHub hub, SocketSession session, WebSocketServerHandshaker handshaker,
      ObjectMapper mapper) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.session = Objects.requireNonNull(session, "session");
    this.handshaker = Objects.requireNonNull(handshaker, "handshaker");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(frame.content().nioBuffer())
            .toString();
      } catch (CharacterCodingException e) {
        fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text frame is not valid UTF-8");
        return;
      }
      PhoenixFrame parsed;
      try {
        parsed = PhoenixFrame.parse(mapper, text);
      } catch (PhoenixFrame.MalformedFrameException e) {
        fail(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "not a Phoenix 2.0.0 frame: " + e.getMessage());
        return;
      }
      hub.handle(session, parsed);
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame) {
      handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
    } else if (frame instanceof BinaryWebSocketFrame) {
      // Poolse speaks text frames only (serializer 2.0.0 without its binary form).
      fail(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames are not supported");
    } else if (!(frame instanceof PongWebSocketFrame)) {
      fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "unexpected frame " + frame.getClass().getSimpleName());
    }
  }

  /**
   * Ends the socket for a frame it cannot accept: a Close frame with the code and reason, then
   * the connection closes (the client's Close in return is not awaited). The reason is logged at
   * debug.
   */
  private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    LOG.debug("closing WebSocket {} of {} with {}: {}", ctx.channel(), session.externalId(), status.code(), reason);
    if (!ctx.channel().isActive()) {
      return;
    }
    ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    hub.closed(session);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      // A message over the aggregator's limit.
      fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
      return;
    }
    // The frame decoder has already sent its own Close (1002, 1009) for a protocol violation.
    LOG.debug("WebSocket {} failed", ctx.channel(), cause);
    ctx.close();
  }
}
