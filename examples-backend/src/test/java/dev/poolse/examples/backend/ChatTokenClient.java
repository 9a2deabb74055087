package dev.poolse.examples.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a web or mobile app does: calls {@code GET /chat-token} of the example backend over HTTP. */
final class ChatTokenClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;

    /** One HTTP answer, its body parsed as JSON. */
    record Answer(int status, HttpResponse<String> response, JsonNode json) {
        String text(String field) {
            return json.path(field).asText();
        }
    }

    ChatTokenClient(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/chat-token"));
    }

    ChatTokenClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code GET /chat-token}, with {@code X-User-Id} unless {@code userId} is {@code null}. */
    Answer get(String userId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET();
        if (userId != null) {
            request.header(ChatTokenController.USER_HEADER, userId);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response, JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token for the user, failing unless the backend answers 200. */
    String token(String userId) {
        Answer answer = get(userId);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /chat-token answered " + answer.status() + ": " + answer.json());
        }
        return answer.text("token");
    }
}
