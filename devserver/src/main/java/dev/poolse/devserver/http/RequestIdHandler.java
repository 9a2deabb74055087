package dev.poolse.devserver.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Puts an {@code x-request-id} header on every HTTP response of one connection: the client's own
 * id when its request carried a safe one, a fresh id otherwise. Sits right after the HTTP codec,
 * so it also stamps the responses written by the codecs and timers (413, 408, 431, the WebSocket
 * upgrade). Responses leave in request order on a connection, so the ids of requests read are
 * queued and taken by the responses in turn; a response with no request (a request that never
 * finished arriving) gets a fresh id. One instance per connection; runs on its event loop.
 */
public final class RequestIdHandler extends ChannelDuplexHandler {

  /** The header name, lower case as HTTP/2 and most proxies spell it. */
  public static final String HEADER = "x-request-id";

  /** An echoed id: 1 to 128 characters of letters, digits and {@code . _ : @ / + = -}. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

  private final ArrayDeque<String> pending = new ArrayDeque<>();

  /** Creates the handler of one connection. */
  public RequestIdHandler() {}

  /**
   * The id a response to a request carrying {@code clientValue} gets: that value when it is 1 to
   * 128 characters of letters, digits and {@code . _ : @ / + = -}; a fresh random id otherwise
   * (absent, empty, too long, or with any other character, such as spaces, quotes, control
   * characters or non-ASCII), so that a hostile value is never reflected.
   *
   * @param clientValue the request's {@code x-request-id}, or null
   * @return the id to answer with
   */
  public static String idFor(String clientValue) {
    return clientValue != null && SAFE.matcher(clientValue).matches() ? clientValue : newId();
  }

  private static String newId() {
    return "req_" + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      pending.add(idFor(((HttpRequest) msg).headers().get(HEADER)));
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpResponse) {
      HttpResponse response = (HttpResponse) msg;
      HttpResponseStatus status = response.status();
      // An interim 100 Continue is not the answer to the request; 101 is its last response.
      boolean interim = status.codeClass() == HttpStatusClass.INFORMATIONAL
          && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
      if (!interim) {
        String id = pending.poll();
        if (!response.headers().contains(HEADER)) {
          response.headers().set(HEADER, id != null ? id : newId());
        }
      }
    }
    super.write(ctx, msg, promise);
  }
}
