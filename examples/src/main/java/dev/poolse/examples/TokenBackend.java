package dev.poolse.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for <em>your</em> backend: it holds the tenant API key, provisions users by external id
 * and mints their short-lived JWTs. The SDK never sees the API key; it only asks this class for a
 * token through its {@code tokenProvider}.
 */
public interface TokenBackend {

    /**
     * A fresh end-user JWT for the user with this external id.
     *
     * @param externalId the user's id in your system
     * @return a JWT
     * @throws Exception when the token cannot be had
     */
    String tokenFor(String externalId) throws Exception;

    /**
     * Provisions users and mints tokens with the tenant API key, over plain HTTP.
     *
     * @param apiUrl base URL of the Poolse REST API
     * @param apiKey the tenant API key
     * @return a backend that calls {@code POST /v1/users} and {@code POST /v1/users/{id}/tokens}
     */
    static TokenBackend withApiKey(URI apiUrl, String apiKey) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        String base = apiUrl.toString().replaceAll("/+$", "");
        return externalId -> {
            JsonNode user = post(http, json, base + "/v1/users", apiKey, Map.of("external_id", externalId));
            String userId = user.path("id").asText();
            JsonNode token = post(http, json, base + "/v1/users/" + userId + "/tokens", apiKey, null);
            return token.path("token").asText();
        };
    }

    /**
     * Runs a command that prints a JWT, with the external id as its only argument.
     *
     * @param command the command line, split on spaces
     * @return a backend that runs the command for every token
     */
    static TokenBackend withCommand(String command) {
        Objects.requireNonNull(command, "command");
        return externalId -> {
            String[] words = (command + " " + externalId).trim().split("\\s+");
            Process process = new ProcessBuilder(words).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("token command timed out: " + command);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || out.isEmpty()) {
                throw new IOException("token command failed (exit " + process.exitValue() + "): " + command);
            }
            return out;
        };
    }

    private static JsonNode post(HttpClient http, ObjectMapper json, String url, String apiKey, Object body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
