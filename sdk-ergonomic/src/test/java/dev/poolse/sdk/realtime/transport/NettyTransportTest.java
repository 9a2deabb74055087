package dev.poolse.sdk.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.sdk.realtime.UpgradeRefusedException;
import dev.poolse.sdk.realtime.phoenix.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty transport against a bare WebSocket server on loopback, asserting exact wire behaviour. */
@SuppressWarnings("deprecation") // NioEventLoopGroup: runs on Netty 4.1 and 4.2 alike
class NettyTransportTest {
    private final MockWebServer server = new MockWebServer();
    private EventLoopGroup group;
    private NettyTransport transport;
    private final Recorder recorder = new Recorder();

    static final class Recorder implements Transport.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> closeCause = new AtomicReference<>();

        @Override
        public void onOpen() {
            events.add("open");
        }

        @Override
        public void onText(String text) {
            events.add("text:" + text);
        }

        @Override
        public void onClose(int code, String reason, Throwable cause) {
            closeCause.set(cause);
            events.add("close:" + code);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        group = new NioEventLoopGroup(1);
        transport = new NettyTransport(group.next(), SslContextBuilder.forClient().build(), 1 << 16, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        server.shutdown();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/socket/websocket?token=abc&vsn=2.0.0");
    }

    @Test
    void upgradeSendsNoOriginHeaderAndKeepsQuery() throws Exception {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() { }));
        transport.connect(uri(), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.contains("open"));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeader("Origin")).isNull();
        assertThat(request.getPath()).isEqualTo("/socket/websocket?token=abc&vsn=2.0.0");
    }

    @Test
    void binaryFramesAreIgnoredAndTextStillFlows() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                ws.send(ByteString.of((byte) 0, (byte) 1, (byte) 2));
                ws.send("[null,null,\"t\",\"e\",{}]");
            }
        }));
        transport.connect(uri(), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.size() >= 2);
        assertThat(recorder.events).containsExactly("open", "text:[null,null,\"t\",\"e\",{}]");
    }

    @Test
    void sentTextReachesServer() {
        List<String> received = new CopyOnWriteArrayList<>();
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, String text) {
                received.add(text);
            }
        }));
        Transport.Connection c = transport.connect(uri(), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.contains("open"));
        c.send("hello");
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("hello"));
    }

    @Test
    void refusedUpgradeReportsStatus() {
        server.enqueue(new MockResponse().setResponseCode(403));
        transport.connect(uri(), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("close")));
        assertThat(recorder.events).doesNotContain("open");
        assertThat(recorder.closeCause.get()).isInstanceOfSatisfying(UpgradeRefusedException.class,
                e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void serverCloseIsReportedWithItsCode() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                ws.close(1001, "going away");
            }
        }));
        transport.connect(uri(), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("close")));
        assertThat(recorder.events).containsExactly("open", "close:1001");
    }

    @Test
    void connectionRefusedIsReportedAsClose() throws Exception {
        int port = server.getPort();
        server.shutdown();
        transport.connect(URI.create("ws://127.0.0.1:" + port + "/socket/websocket"), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.contains("close:1006"));
        assertThat(recorder.closeCause.get()).isNotNull();
    }

    @Test
    void oversizedMessageClosesTheConnection() {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                ws.send("x".repeat((1 << 16) + 10));
            }
        }));
        transport.connect(uri(), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("close")));
        assertThat(recorder.events).noneMatch(e -> e.startsWith("text:"));
    }
}
