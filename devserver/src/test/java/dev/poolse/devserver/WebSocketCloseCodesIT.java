package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A frame the gateway cannot accept ends the socket with a Close frame that carries a code and a
 * reason, not with a bare TCP reset; frames are written byte by byte from a raw socket.
 */
@ExtendWith(PoolseDevServerExtension.class)
class WebSocketCloseCodesIT {

  static PoolseDevServer server;

  @Test
  void textThatIsNotValidUtf8IsClosedWith1007() throws Exception {
    try (RawWebSocketFrames ws = RawWebSocketFrames.connect(server)) {
      byte[] prefix = "[null,\"1\",\"phoenix\",\"heartbeat\",{\"x\":\"".getBytes(StandardCharsets.UTF_8);
      byte[] suffix = "\"}]".getBytes(StandardCharsets.UTF_8);
      byte[] frame = new byte[prefix.length + 2 + suffix.length];
      System.arraycopy(prefix, 0, frame, 0, prefix.length);
      frame[prefix.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
      frame[prefix.length + 1] = (byte) 0x28;
      System.arraycopy(suffix, 0, frame, prefix.length + 2, suffix.length);
      ws.send(RawWebSocketFrames.TEXT, frame);
      RawWebSocketFrames.Frame close = ws.awaitClose();
      assertThat(close.closeCode()).isEqualTo(1007);
      assertThat(close.closeReason()).contains("UTF-8");
      assertThat(ws.connectionClosed()).isTrue();
    }
  }

  @Test
  void binaryFrameIsClosedWith1003() throws Exception {
    try (RawWebSocketFrames ws = RawWebSocketFrames.connect(server)) {
      ws.send(RawWebSocketFrames.BINARY, new byte[] {0, 1, 2, 3});
      RawWebSocketFrames.Frame close = ws.awaitClose();
      assertThat(close.closeCode()).isEqualTo(1003);
      assertThat(close.closeReason()).contains("binary");
      assertThat(ws.connectionClosed()).isTrue();
    }
  }

  @Test
  void textThatIsNotAPhoenixFrameIsClosedWith1008() throws Exception {
    try (RawWebSocketFrames ws = RawWebSocketFrames.connect(server)) {
      ws.sendText("{\"not\":\"an array\"}");
      RawWebSocketFrames.Frame close = ws.awaitClose();
      assertThat(close.closeCode()).isEqualTo(1008);
      assertThat(close.closeReason()).contains("Phoenix");
      assertThat(ws.connectionClosed()).isTrue();
    }
  }

  @Test
  void arrayWithWrongElementTypesIsClosedWith1008() throws Exception {
    try (RawWebSocketFrames ws = RawWebSocketFrames.connect(server)) {
      ws.sendText("[null,\"1\",42,\"heartbeat\",{}]");
      assertThat(ws.awaitClose().closeCode()).isEqualTo(1008);
    }
  }

  @Test
  void socketStaysUsableAfterAValidFrame() throws Exception {
    try (RawWebSocketFrames ws = RawWebSocketFrames.connect(server)) {
      ws.sendText("[null,\"1\",\"phoenix\",\"heartbeat\",{}]");
      RawWebSocketFrames.Frame reply = ws.read();
      assertThat(reply.opcode()).isEqualTo(RawWebSocketFrames.TEXT);
      assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo(
          "[null,\"1\",\"phoenix\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]");
    }
  }
}
