package dev.poolse.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 connection over a bare socket, for tests where the exact bytes matter (malformed,
 * oversized, slow or silent requests). Every read is bounded by the socket timeout.
 */
final class RawHttp implements AutoCloseable {

  /** One parsed response; headers are keyed in lower case. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() {
      try {
        return body.length == 0 ? MissingNode.getInstance() : TestHttp.MAPPER.readTree(body);
      } catch (IOException e) {
        return MissingNode.getInstance();
      }
    }

    String code() {
      return json().path("error").path("code").asText(null);
    }
  }

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(URI base, Duration readTimeout) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
    socket.setSoTimeout((int) readTimeout.toMillis());
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawHttp(URI base) throws IOException {
    this(base, Duration.ofSeconds(10));
  }

  void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes a request with a body and Content-Length, then reads its response. */
  Response exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    write(head.toString());
    if (body != null) {
      write(body);
    }
    return read(!"HEAD".equals(method));
  }

  /** Reads one response; its body by Content-Length (none when {@code withBody} is false). */
  Response read(boolean withBody) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
    return new Response(status, headers, in.readNBytes(length));
  }

  Response read() throws IOException {
    return read(true);
  }

  /**
   * Whether the server has closed the connection: true on end of stream or reset, false if a byte
   * arrives; throws {@link SocketTimeoutException} when neither happens within the socket timeout.
   */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SocketException e) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
