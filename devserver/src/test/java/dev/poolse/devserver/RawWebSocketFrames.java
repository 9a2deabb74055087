package dev.poolse.devserver;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket spoken frame by frame over a bare socket, for sending what a well-behaved client
 * library refuses to (invalid UTF-8 text, arbitrary opcodes) and reading the server's Close frame.
 * Every read is bounded by a 5 s socket timeout.
 */
final class RawWebSocketFrames implements AutoCloseable {

  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;

  /** A server frame. */
  record Frame(int opcode, byte[] payload) {
    /** @return the close code of a Close frame */
    int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /** @return the reason of a Close frame */
    String closeReason() {
      return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocketFrames(PoolseDevServer server, String token) throws IOException {
    socket = new Socket(server.apiUrl().getHost(), server.apiUrl().getPort());
    socket.setSoTimeout(5000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    out.write(("GET /socket/websocket?token=" + token + "&vsn=2.0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.append((char) c);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  static RawWebSocketFrames connect(PoolseDevServer server) throws IOException {
    return new RawWebSocketFrames(server, server.mintToken("raw-" + java.util.UUID.randomUUID()));
  }

  /** Sends one final, masked frame. */
  void send(int opcode, byte[] payload) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
    b.put((byte) (0x80 | opcode));
    if (payload.length < 126) {
      b.put((byte) (0x80 | payload.length));
    } else {
      b.put((byte) (0x80 | 126));
      b.putShort((short) payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    b.put(mask);
    for (int i = 0; i < payload.length; i++) {
      b.put((byte) (payload[i] ^ mask[i % 4]));
    }
    out.write(b.array(), 0, b.position());
    out.flush();
  }

  void sendText(String text) throws IOException {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the next server frame (server frames are not masked). */
  Frame read() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  /** Reads frames until a Close frame, which it returns. */
  Frame awaitClose() throws IOException {
    for (int i = 0; i < 100; i++) {
      Frame f = read();
      if (f.opcode() == CLOSE) {
        return f;
      }
    }
    throw new IOException("no Close frame among the first 100 frames");
  }

  /** @return whether the server then closed the TCP connection (end of stream or reset) */
  boolean connectionClosed() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
