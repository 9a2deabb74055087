package dev.poolse.devserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.model.ErrorBody;
import dev.poolse.client.model.ErrorEnvelope;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Error responses written outside the request handler (by the connection's codecs and timers):
 * each carries the error envelope of the API and closes the connection.
 */
public final class HttpErrors {

  /** Where an error code is documented; the code is appended. */
  public static final String DOCS = "https://docs.poolse.dev/errors#";

  private HttpErrors() {}

  /**
   * Builds an error envelope response with {@code Connection: close}; the caller closes the
   * connection once it is written.
   *
   * @param mapper the wire mapper
   * @param status the HTTP status
   * @param code the error code of the envelope
   * @param message the human-readable message
   * @return the response, ready to write
   */
  public static FullHttpResponse closing(ObjectMapper mapper, int status, String code, String message) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(new ErrorEnvelope().error(new ErrorBody().code(code).message(message)
          .docUrl(DOCS + code)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an error envelope", e);
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return r;
  }
}
