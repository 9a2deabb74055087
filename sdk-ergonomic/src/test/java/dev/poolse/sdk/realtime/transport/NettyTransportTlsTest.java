package dev.poolse.sdk.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code wss} with the client's TLS settings: certificate and hostname verification on, trust
 * material configurable. The server presents a self-signed certificate for {@code localhost} only
 * (a test fixture, valid for a century).
 */
@SuppressWarnings("deprecation") // NioEventLoopGroup: runs on Netty 4.1 and 4.2 alike
class NettyTransportTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final MockWebServer server = new MockWebServer();
    private EventLoopGroup group;
    private KeyStore keyStore;

    @BeforeEach
    void start() throws Exception {
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("localhost.p12")) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server.useHttps(serverTls.getSocketFactory(), false);
        server.setProtocolNegotiationEnabled(false);
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() { }));
        server.start(InetAddress.getLoopbackAddress(), 0);
        group = new NioEventLoopGroup(1);
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        server.shutdown();
    }

    private SslContext clientTls(boolean trustFixture) throws Exception {
        if (!trustFixture) {
            return NettyTransport.clientSslContext(null);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        return NettyTransport.clientSslContext(tmf);
    }

    private NettyTransportTest.Recorder connect(String host, boolean trustFixture) throws Exception {
        NettyTransport transport = new NettyTransport(group.next(), clientTls(trustFixture), 1 << 16, Duration.ofSeconds(5));
        NettyTransportTest.Recorder recorder = new NettyTransportTest.Recorder();
        transport.connect(URI.create("wss://" + host + ":" + server.getPort() + "/socket/websocket?vsn=2.0.0"), recorder);
        await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.events.isEmpty());
        return recorder;
    }

    @Test
    void configuredTrustStoreAndMatchingHostnameConnect() throws Exception {
        assertThat(connect("localhost", true).events).first().isEqualTo("open");
    }

    @Test
    void unknownCertificateIsRejectedByDefault() throws Exception {
        NettyTransportTest.Recorder r = connect("localhost", false);
        assertThat(r.events).doesNotContain("open");
        assertThat(r.closeCause.get()).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("certification path");
    }

    @Test
    void trustedCertificateForAnotherHostnameIsRejected() throws Exception {
        // Same trusted certificate, but reached as 127.0.0.1, which it does not name.
        NettyTransportTest.Recorder r = connect("127.0.0.1", true);
        assertThat(r.events).doesNotContain("open");
        assertThat(r.closeCause.get()).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.1");
    }
}
