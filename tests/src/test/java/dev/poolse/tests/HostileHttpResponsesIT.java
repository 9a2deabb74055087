package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.PoolseException;
import dev.poolse.sdk.RequestOptions;
import dev.poolse.sdk.RequestTimeoutException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Figure 4, REST half: a bare HTTP stub answers {@code GET /v1/me} with hostile responses. Each call
 * must end with a {@link PoolseException} subtype within its timeout: never a hang, never a raw
 * Jackson or JDK exception. Retries are off where the status would be retried, so each case is one
 * exchange.
 */
class HostileHttpResponsesIT {

    /** Upper bound on how long any case may take before the call must have ended. */
    private static final long BOUND_SECONDS = 10;

    private MockWebServer stub;
    private Poolse chat;

    @BeforeEach
    void start() throws Exception {
        stub = new MockWebServer();
        stub.start(InetAddress.getLoopbackAddress(), 0);
        chat = Poolse.builder()
                .apiUrl("http://127.0.0.1:" + stub.getPort())
                .tokenProvider(() -> "opaque-test-token")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        stub.shutdown();
    }

    /**
     * The call's failure, or null if it succeeded. A call still running at the bound is cancelled and
     * returned as the {@link TimeoutException}, so that the case is reported (and then fails its
     * assertion) instead of ending the test before its line is printed.
     */
    private Throwable callMe(RequestOptions options) throws Exception {
        CompletableFuture<?> call = chat.me().showAsync(options);
        try {
            call.get(BOUND_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            call.cancel(true);
            return e;
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static void report(String name, Throwable failure, long millis) {
        System.out.printf("hostile http: %s -> %s in %d ms%n", name,
                failure == null ? "no exception" : failure.getClass().getSimpleName(), millis);
    }

    private Throwable timed(String name, RequestOptions options) throws Exception {
        long started = System.nanoTime();
        Throwable failure = callMe(options);
        report(name, failure, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return failure;
    }

    @Test
    void garbageBodyOnSuccessIsATypedException() throws Exception {
        stub.enqueue(json(200, "\u0000\u00ff<<not json at all>>"));
        Throwable failure = timed("garbage 200 body", RequestOptions.defaults());
        assertThat(failure).isInstanceOf(PoolseException.class);
    }

    @Test
    void truncatedJsonIsATypedException() throws Exception {
        stub.enqueue(json(200, "{\"id\":\"6f1c2a4e-8c1d-4a8e-9a57-3b"));
        Throwable failure = timed("truncated JSON", RequestOptions.defaults());
        assertThat(failure).isInstanceOf(PoolseException.class);
    }

    @Test
    void htmlInsteadOfJsonOnSuccessIsATypedException() throws Exception {
        stub.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/html")
                .setBody("<html><body>Welcome to the captive portal</body></html>"));
        Throwable failure = timed("text/html 200 body", RequestOptions.defaults());
        assertThat(failure).isInstanceOf(PoolseException.class);
    }

    @Test
    void htmlErrorPageKeepsTheStatusAndAnUnknownCode() throws Exception {
        stub.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
                .setBody("<html><body>Bad gateway</body></html>"));
        Throwable failure = timed("text/html 502 body", RequestOptions.defaults());
        assertThat(failure).isInstanceOf(ApiException.class);
        assertThat(((ApiException) failure).status()).isEqualTo(502);
        assertThat(((ApiException) failure).code()).isEqualTo(ApiException.UNKNOWN_ERROR);
    }

    @Test
    void errorEnvelopeOfTheWrongShapeIsStillAnApiException() throws Exception {
        stub.enqueue(json(400, "{\"error\":[1,2,3]}"));
        Throwable failure = timed("error envelope of the wrong shape", RequestOptions.defaults());
        assertThat(failure).isInstanceOf(ApiException.class);
        assertThat(((ApiException) failure).status()).isEqualTo(400);
    }

    @Test
    void fiftyMegabyteGarbageBodyIsATypedExceptionWithinTheBound() throws Exception {
        // 50 MB of '[': invalid JSON that also nests past the parser's depth limit.
        stub.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(filled(50 * 1024 * 1024, (byte) '[')));
        Throwable failure = timed("50 MB body", RequestOptions.defaults().withTimeout(Duration.ofSeconds(BOUND_SECONDS)));
        assertThat(failure).isInstanceOf(PoolseException.class);
    }

    @Test
    void responseThatNeverEndsTimesOutWithATypedException() throws Exception {
        // Headers arrive, then the body trickles one byte per second and never completes in time.
        stub.enqueue(json(200, "{\"id\":\"" + "a".repeat(1_000) + "\"}").throttleBody(1, 1, TimeUnit.SECONDS));
        Throwable failure = timed("body that never ends", RequestOptions.defaults().withTimeout(Duration.ofSeconds(2)));
        assertThat(failure).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void responseThatNeverStartsTimesOutWithATypedException() throws Exception {
        stub.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        Throwable failure = timed("no response at all", RequestOptions.defaults().withTimeout(Duration.ofSeconds(2)));
        assertThat(failure).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void connectionClosedMidBodyIsANetworkException() throws Exception {
        stub.enqueue(json(200, "{\"id\":\"" + "a".repeat(10_000) + "\"}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        Throwable failure = timed("disconnect during body", RequestOptions.defaults());
        assertThat(failure).isInstanceOf(dev.poolse.sdk.NetworkException.class);
    }

    /* The default response limit (16 MiB) refuses the body while it streams in, JSON or not. */
    @Test
    void fiftyMegabyteValidJsonBodyIsRefusedInsteadOfBuffered() throws Exception {
        Buffer body = new Buffer().writeUtf8("{\"id\":\"6f1c2a4e-8c1d-4a8e-9a57-3b2f0c1d2e3f\",\"padding\":\"");
        Buffer padding = filled(50 * 1024 * 1024, (byte) 'a');
        body.write(padding, padding.size());
        body.writeUtf8("\"}");
        stub.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body));
        Throwable failure = timed("50 MB valid JSON body", RequestOptions.defaults().withTimeout(Duration.ofSeconds(BOUND_SECONDS)));
        assertThat(failure).isInstanceOf(dev.poolse.sdk.ResponseTooLargeException.class);
    }

    /*
     * With no call timeout set, the attempt timeout alone ends a body that trickles forever. The
     * default is 20 s; a shorter one keeps the run short while exercising the same path.
     */
    @Test
    void responseThatNeverEndsEndsAtTheAttemptTimeoutWithoutACallTimeout() throws Exception {
        try (Poolse bounded = Poolse.builder()
                .apiUrl("http://127.0.0.1:" + stub.getPort())
                .tokenProvider(() -> "opaque-test-token")
                .maxRetries(0)
                .attemptTimeout(Duration.ofSeconds(2))
                .build()) {
            stub.enqueue(json(200, "{\"id\":\"" + "a".repeat(100_000) + "\"}").throttleBody(1, 1, TimeUnit.SECONDS));
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> bounded.me().showAsync().get(BOUND_SECONDS, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // Null-safe: a success or a timeout of the get itself has no cause, and must still print.
            Throwable seen = failure instanceof ExecutionException ? failure.getCause() : failure;
            System.out.println("hostile: endless body without a call timeout -> "
                    + (seen == null ? "no exception" : seen.getClass().getSimpleName()) + " after " + millis + " ms");
            assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(PoolseException.class);
        }
    }

    private static Buffer filled(int size, byte value) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, value);
        Buffer b = new Buffer();
        for (int written = 0; written < size; written += chunk.length) {
            b.write(chunk, 0, Math.min(chunk.length, size - written));
        }
        return b;
    }
}
