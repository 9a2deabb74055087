package dev.poolse.sdk;

import static dev.poolse.sdk.StubResponses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exception messages say what failed: the request, the cause in words, the server's message and request id. */
class ErrorMessagesTest {
    MockWebServer server;
    Poolse chat;

    @BeforeEach
    void start() throws Exception {
        server = StubServers.startLoopback();
    }

    @AfterEach
    void stop() throws Exception {
        if (chat != null) {
            chat.close();
        }
        server.shutdown();
    }

    Poolse client(String apiUrl) {
        chat = Poolse.builder().apiUrl(apiUrl).tokenProvider(() -> "token").maxRetries(0).build();
        return chat;
    }

    @Test
    void connectionRefusedNamesTheMethodTheUrlAndTheCause() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1").me().show())
                .isInstanceOf(NetworkException.class)
                .hasMessage("GET http://127.0.0.1:1/v1/me failed: connection refused: 127.0.0.1:1");
    }

    @Test
    void unknownHostIsNamed() {
        assertThatThrownBy(() -> client("http://api.example.invalid").me().show())
                .isInstanceOf(NetworkException.class)
                .hasMessage("GET http://api.example.invalid/v1/me failed: unknown host: api.example.invalid");
    }

    @Test
    void tlsFailureIsNamed() throws Exception {
        // A server that answers the TLS ClientHello in plain HTTP: the handshake cannot succeed.
        // Every connection is answered, not just the first: a stray connection to a reused port
        // (another process's client retrying a closed server) must not leave ours unanswered.
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket s = plain.accept()) {
                        s.setSoTimeout(2_000); // a silent stray peer must not hold up the next one
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        s.getInputStream().read(new byte[4096]); // the ClientHello, so closing sends no reset
                    } catch (java.io.IOException ignored) {
                        // the peer gave up first, or the test closed the server socket
                    }
                }
            }, "plain-http-answer");
            answer.setDaemon(true);
            answer.start();
            String url = "https://127.0.0.1:" + plain.getLocalPort();
            assertThatThrownBy(() -> client(url).me().show())
                    .isInstanceOf(NetworkException.class)
                    .hasMessageStartingWith("GET " + url + "/v1/me failed: TLS handshake failed: ");
        }
    }

    @Test
    void queryValuesAreLeftOutOfNetworkMessages() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1").rest()
                .request(RestRequest.get("/v1/things").query("signature", "s3cr3t"), Object.class))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("GET http://127.0.0.1:1/v1/things failed")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void apiExceptionMessageCarriesTheServerMessageAndTheFirstValidationDetails() {
        server.enqueue(json(422, "{\"error\":{\"code\":\"validation_failed\",\"message\":\"The request is invalid\","
                + "\"doc_url\":\"https://docs.poolse.dev/errors#validation_failed\","
                + "\"details\":{\"body\":[\"can't be blank\"],\"attachment_ids\":[\"too many\",\"not found\"]}}}"));
        assertThatThrownBy(() -> client(server.url("/").toString()).me().show())
                .isInstanceOf(ApiException.class)
                .hasMessage("HTTP 422 validation_failed: The request is invalid"
                        + " (body: can't be blank; attachment_ids: too many, not found)");
    }

    @Test
    void requestIdIsReadFromTheXRequestIdHeader() {
        server.enqueue(json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"conversation not found\","
                + "\"doc_url\":\"https://docs.poolse.dev/errors#not_found\"}}").setHeader("x-request-id", "req-42"));
        assertThatThrownBy(() -> client(server.url("/").toString()).conversations().one(UUID.randomUUID()).show())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.requestId()).isEqualTo("req-42"))
                .hasMessage("HTTP 404 not_found: conversation not found [request id req-42]");
    }
}
