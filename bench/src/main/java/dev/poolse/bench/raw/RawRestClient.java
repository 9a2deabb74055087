package dev.poolse.bench.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageList;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline for the REST figures: the same requests the SDK makes, written directly against
 * {@link java.net.http.HttpClient} with the project's Jackson configuration and nothing else (no retries, no token
 * cache, no error mapping beyond a status check).
 *
 * <p>Responses are decoded into the same model classes the SDK returns, so the ratio measures what the SDK adds on
 * top of HTTP and JSON, not the cost of JSON itself. HTTP/1.1 is used, like the dev server speaks, so no upgrade
 * attempt is counted. Thread-safe: one instance serves every load thread, as one SDK client does.
 */
public final class RawRestClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json = PoolseJson.newObjectMapper();
    private final String base;
    private final String authorization;

    /**
     * Creates a client for one user.
     *
     * @param apiUrl the server's base URL, for example {@code http://127.0.0.1:4000}; not null
     * @param token the user's JWT, sent as a bearer token; not null
     */
    public RawRestClient(URI apiUrl, String token) {
        if (apiUrl == null || token == null) {
            throw new NullPointerException("apiUrl and token are required");
        }
        String s = apiUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.authorization = "Bearer " + token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /**
     * Creates a conversation.
     *
     * @param request the body; not null
     * @return the created conversation
     * @throws IOException on a transport failure or a non-2xx status
     * @throws InterruptedException if interrupted while waiting
     */
    public Conversation createConversation(ConversationCreateRequest request) throws IOException, InterruptedException {
        return post("/v1/conversations", request, Conversation.class);
    }

    /**
     * Sends a message, with a client-generated id and an idempotency key, as the SDK does.
     *
     * @param conversationId the conversation; not null
     * @param body the text; not null
     * @return the stored message
     * @throws IOException on a transport failure or a non-2xx status
     * @throws InterruptedException if interrupted while waiting
     */
    public Message sendMessage(UUID conversationId, String body) throws IOException, InterruptedException {
        if (conversationId == null || body == null) {
            throw new NullPointerException("conversationId and body are required");
        }
        MessageCreateRequest request = new MessageCreateRequest().id(UUID.randomUUID()).body(body);
        return post("/v1/conversations/" + conversationId + "/messages", request, Message.class);
    }

    /**
     * Sends a message without waiting, for load generation where the caller only needs completion.
     *
     * @param conversationId the conversation; not null
     * @param body the text; not null
     * @return the future HTTP status
     */
    public CompletableFuture<Integer> sendMessageAsync(UUID conversationId, String body) {
        try {
            HttpRequest request = sendRequest(conversationId, body);
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Lists the newest messages of a conversation.
     *
     * @param conversationId the conversation; not null
     * @param limit page size; positive
     * @return the page
     * @throws IOException on a transport failure or a non-2xx status
     * @throws InterruptedException if interrupted while waiting
     */
    public MessageList listMessages(UUID conversationId, int limit) throws IOException, InterruptedException {
        HttpRequest request = listRequest(conversationId, limit);
        return decode(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), MessageList.class);
    }

    /**
     * Sends a message with {@link HttpClient#sendAsync}, decoding the stored message when the response arrives: the
     * baseline of the SDK's {@code sendAsync}.
     *
     * @param conversationId the conversation; not null
     * @param body the text; not null
     * @return the future stored message; fails on a transport failure or a non-2xx status
     */
    public CompletableFuture<Message> sendMessageTypedAsync(UUID conversationId, String body) {
        try {
            HttpRequest request = sendRequest(conversationId, body);
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(response -> decodeUnchecked(response, Message.class));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Lists the newest messages of a conversation with {@link HttpClient#sendAsync}: the baseline of the SDK's
     * {@code listAsync}.
     *
     * @param conversationId the conversation; not null
     * @param limit page size; positive
     * @return the future page; fails on a transport failure or a non-2xx status
     */
    public CompletableFuture<MessageList> listMessagesAsync(UUID conversationId, int limit) {
        HttpRequest request = listRequest(conversationId, limit);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> decodeUnchecked(response, MessageList.class));
    }

    /** The GET of a conversation's newest messages; arguments checked. */
    private HttpRequest listRequest(UUID conversationId, int limit) {
        if (conversationId == null) {
            throw new NullPointerException("conversationId");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return HttpRequest.newBuilder(URI.create(base + "/v1/conversations/" + conversationId
                        + "/messages?limit=" + limit))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    /** The POST of one new message with a fresh client id; arguments checked. */
    private HttpRequest sendRequest(UUID conversationId, String body) throws IOException {
        if (conversationId == null || body == null) {
            throw new NullPointerException("conversationId and body are required");
        }
        byte[] bytes = json.writeValueAsBytes(new MessageCreateRequest().id(UUID.randomUUID()).body(body));
        return postRequest("/v1/conversations/" + conversationId + "/messages", bytes);
    }

    private <T> T decodeUnchecked(HttpResponse<byte[]> response, Class<T> type) {
        try {
            return decode(response, type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private <T> T post(String path, Object body, Class<T> type) throws IOException, InterruptedException {
        HttpRequest request = postRequest(path, json.writeValueAsBytes(body));
        return decode(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), type);
    }

    private HttpRequest postRequest(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private <T> T decode(HttpResponse<byte[]> response, Class<T> type) throws IOException {
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new IOException("HTTP " + status + " from " + response.uri() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return json.readValue(response.body(), type);
    }
}
