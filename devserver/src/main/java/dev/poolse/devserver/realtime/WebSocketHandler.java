package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Objects;

/**
 * The per-socket inbound handler after the upgrade. Runs on the socket's event loop: parses
 * frames and hands them to the {@link RealtimeHub}; drops the connection on a malformed frame,
 * on a binary frame and after the idle timeout, like a Phoenix server.
 */
public final class WebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

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
      PhoenixFrame parsed;
      try {
        parsed = PhoenixFrame.parse(mapper, ((TextWebSocketFrame) frame).text());
      } catch (PhoenixFrame.MalformedFrameException e) {
        ctx.close();
        return;
      }
      hub.handle(session, parsed);
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame) {
      handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
    } else if (!(frame instanceof PongWebSocketFrame)) {
      // Poolse speaks text frames only; anything else is a protocol error.
      ctx.close();
    }
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
    ctx.close();
  }
}
