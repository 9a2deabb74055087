package dev.poolse.devserver.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read and idle timeouts of one HTTP connection, so that no client holds a connection
 * forever.
 *
 * <ul>
 *   <li>Read timeout: once the first byte of a request arrives, the whole request (headers and
 *       body) must arrive within it, however steadily it trickles in; otherwise the server answers
 *       408 {@code request_timeout} and closes. A fresh connection gets the same time for its
 *       first byte, and is closed without a response if it sends nothing.
 *   <li>Idle timeout: a keep-alive connection that has been answered and sends nothing more is
 *       closed after it.
 *   <li>While a complete request is being served (including injected delays) no timer runs; after
 *       a WebSocket upgrade the socket's own idle handling takes over and these timers stop.
 * </ul>
 *
 * <p>Two handlers share the state: {@link #bytes()} first in the pipeline (it sees raw bytes, so
 * a request whose headers are incomplete still counts as started) and {@link #messages()} right
 * after the HTTP codec (it sees complete requests and final responses, and writes the 408 through
 * the codec). One instance per connection; everything runs on the connection's event loop.
 */
public final class ConnectionTimeouts {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimeouts.class);

  private final long readNanos;
  private final long idleNanos;
  private final Supplier<FullHttpResponse> timeoutResponse;
  private final Bytes bytes = new Bytes();
  private final Messages messages = new Messages();

  private ChannelHandlerContext messagesCtx;
  private ScheduledFuture<?> timer;
  private long generation;
  /** Bytes of a request have arrived and the request is not complete yet. */
  private boolean partial;
  private long partialSince;
  /** Complete requests not answered yet: the server's turn, no timer. */
  private int inFlight;
  /** At least one response went out: silence is now the idle timeout's business. */
  private boolean served;
  private long lastActivity;
  private boolean stopped;

  /**
   * Timeouts for one connection.
   *
   * @param readTimeout the time a request has to arrive in full
   * @param idleTimeout the time an answered keep-alive connection may stay silent
   * @param timeoutResponse makes the 408 response (an error envelope with {@code Connection: close})
   */
  public ConnectionTimeouts(Duration readTimeout, Duration idleTimeout, Supplier<FullHttpResponse> timeoutResponse) {
    this.readNanos = readTimeout.toNanos();
    this.idleNanos = idleTimeout.toNanos();
    this.timeoutResponse = timeoutResponse;
  }

  /** {@return the handler to put first in the pipeline, before the HTTP codec} */
  public ChannelHandler bytes() {
    return bytes;
  }

  /** {@return the handler to put right after the HTTP codec} */
  public ChannelHandler messages() {
    return messages;
  }

  private void rearm(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    generation++;
    if (stopped || inFlight > 0) {
      return;
    }
    long now = System.nanoTime();
    long gen = generation;
    if (partial) {
      long delay = partialSince + readNanos - now;
      timer = ctx.executor().schedule(() -> {
        if (gen == generation) {
          readTimedOut();
        }
      }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    } else {
      long delay = lastActivity + (served ? idleNanos : readNanos) - now;
      timer = ctx.executor().schedule(() -> {
        if (gen == generation) {
          idleTimedOut(ctx);
        }
      }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
  }

  private void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    generation++;
  }

  private void readTimedOut() {
    ChannelHandlerContext ctx = messagesCtx;
    LOG.debug("{}: request incomplete after the read timeout; answering 408", ctx.channel());
    stop();
    ctx.writeAndFlush(timeoutResponse.get()).addListener(ChannelFutureListener.CLOSE);
  }

  private void idleTimedOut(ChannelHandlerContext ctx) {
    LOG.debug("{}: silent for {}; closing", ctx.channel(), served ? "the idle timeout" : "the read timeout");
    stop();
    ctx.close();
  }

  /** Sees raw bytes: the first one of a request starts its read timeout. */
  private final class Bytes extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      lastActivity = System.nanoTime();
      rearm(ctx);
      super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (!stopped && !partial && msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
        partial = true;
        partialSince = System.nanoTime();
        rearm(ctx);
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      stop();
      super.channelInactive(ctx);
    }
  }

  /** Sees decoded requests and final responses. */
  private final class Messages extends ChannelDuplexHandler {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      messagesCtx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      // A FullHttpRequest (and a request the decoder gave up on) is a LastHttpContent too.
      if (!stopped && msg instanceof LastHttpContent) {
        partial = false;
        inFlight++;
        rearm(ctx);
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof HttpResponse
          && ((HttpResponse) msg).status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        stop();
      } else if (!stopped && msg instanceof LastHttpContent && !interim(msg)) {
        promise = promise.unvoid();
        promise.addListener(f -> {
          if (f.isSuccess() && !stopped) {
            inFlight = Math.max(0, inFlight - 1);
            served = true;
            lastActivity = System.nanoTime();
            rearm(ctx);
          }
        });
      }
      super.write(ctx, msg, promise);
    }

    private boolean interim(Object msg) {
      return msg instanceof HttpResponse
          && ((HttpResponse) msg).status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
  }
}
