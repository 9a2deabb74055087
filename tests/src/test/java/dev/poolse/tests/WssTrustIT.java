package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.RealtimeStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figure 6, TLS half: a {@code wss} connection to a server with a self-signed certificate is refused
 * unless that certificate is trusted through {@code RealtimeSettings.trustManagerFactory}, and even
 * a trusted certificate is refused when it does not name the host. The certificate is made per run
 * with the JDK's {@code keytool}; the server is a Netty TLS Phoenix stub on loopback.
 */
class WssTrustIT {

    private static final char[] PASSWORD = "reliability".toCharArray();

    @TempDir
    Path dir;

    @Test
    void selfSignedServerIsRefusedWithoutATrustStore() throws Exception {
        KeyStore keys = selfSigned("ip:127.0.0.1,dns:localhost");
        try (PhoenixStubServer stub = PhoenixStubServer.start(serverContext(keys))) {
            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            try (Poolse chat = client(stub, errors, null)) {
                chat.realtime().connect();
                ConditionTimeoutException stopped = awaitQuietly(() -> errors.stream().anyMatch(WssTrustIT::isTlsFailure));
                System.out.printf("tls: self-signed wss without a trust store -> %d TCP connections, %d upgrades, "
                        + "status %s, first error %s%n", stub.connections(), stub.upgrades(), chat.realtime().status(),
                        errors.peek());
                rethrowIfTimedOut(stopped);
                assertThat(stub.connections()).as("TCP connections reached the stub").isPositive();
                assertThat(stub.upgrades()).as("upgrades over an untrusted connection").isZero();
                assertThat(chat.realtime().status()).isNotEqualTo(RealtimeStatus.CONNECTED);
            }
        }
    }

    @Test
    void selfSignedServerIsAcceptedWhenItsCertificateIsTrusted() throws Exception {
        KeyStore keys = selfSigned("ip:127.0.0.1,dns:localhost");
        try (PhoenixStubServer stub = PhoenixStubServer.start(serverContext(keys))) {
            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            try (Poolse chat = client(stub, errors, trusting(keys))) {
                chat.realtime().connect();
                ConditionTimeoutException stopped = awaitQuietly(() -> chat.realtime().status() == RealtimeStatus.CONNECTED);
                System.out.printf("tls: self-signed wss with its certificate trusted -> %d upgrades, status %s, "
                        + "first error %s%n", stub.upgrades(), chat.realtime().status(), errors.peek());
                rethrowIfTimedOut(stopped);
                // The stub counts the upgrade after its 101 is sent, so the client can be first.
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> stub.upgrades() >= 1);
                assertThat(stub.upgrades()).isEqualTo(1);
                assertThat(errors).noneMatch(WssTrustIT::isTlsFailure);
            }
        }
    }

    @Test
    void trustedCertificateForAnotherHostIsRefused() throws Exception {
        KeyStore keys = selfSigned("dns:chat.example.invalid");
        try (PhoenixStubServer stub = PhoenixStubServer.start(serverContext(keys))) {
            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            try (Poolse chat = client(stub, errors, trusting(keys))) {
                chat.realtime().connect();
                ConditionTimeoutException stopped = awaitQuietly(() -> errors.stream().anyMatch(WssTrustIT::isTlsFailure));
                System.out.printf("tls: trusted certificate naming another host -> %d upgrades, status %s, "
                        + "first error %s%n", stub.upgrades(), chat.realtime().status(), errors.peek());
                rethrowIfTimedOut(stopped);
                assertThat(stub.upgrades()).isZero();
                assertThat(chat.realtime().status()).isNotEqualTo(RealtimeStatus.CONNECTED);
            }
        }
    }

    /**
     * Waits up to 15 s for {@code condition}; a timeout is returned instead of thrown, so that the
     * test prints what it saw before failing with it.
     */
    private static ConditionTimeoutException awaitQuietly(Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(15)).until(condition);
            return null;
        } catch (ConditionTimeoutException e) {
            return e;
        }
    }

    private static void rethrowIfTimedOut(ConditionTimeoutException timeout) {
        if (timeout != null) {
            throw timeout;
        }
    }

    private static Poolse client(PhoenixStubServer stub, Queue<Throwable> errors, TrustManagerFactory trust) {
        return Poolse.builder()
                .apiUrl("https://127.0.0.1:" + stub.port())
                .wsUrl("wss://127.0.0.1:" + stub.port())
                .tokenProvider(() -> "opaque-test-token")
                .onSocketError(errors::add)
                .realtime(r -> r.trustManagerFactory(trust).connectTimeout(Duration.ofSeconds(5)))
                .build();
    }

    private static boolean isTlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** A fresh EC key pair and self-signed certificate for the given subject alternative names. */
    private KeyStore selfSigned(String san) throws Exception {
        Path file = dir.resolve("stub-" + System.nanoTime() + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=poolse reliability stub", "-ext", "SAN=" + san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool exit status, output: %s", output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static SslContext serverContext(KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();
    }

    /** A trust store holding only the stub's certificate, as an application would configure it. */
    private static TrustManagerFactory trusting(KeyStore keys) throws Exception {
        Certificate cert = keys.getCertificate("stub");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("poolse-stub", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }
}
