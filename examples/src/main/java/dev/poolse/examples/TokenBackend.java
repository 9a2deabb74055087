package dev.poolse.examples;

import dev.poolse.sdk.admin.PoolseAdmin;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for <em>your</em> backend: it holds the tenant API key, provisions users by external id
 * and mints their short-lived JWTs (with {@link PoolseAdmin}). The end-user client never sees the API
 * key; it only asks this class for a token through its {@code tokenProvider}.
 */
public interface TokenBackend extends AutoCloseable {

    /**
     * A fresh end-user JWT for the user with this external id.
     *
     * @param externalId the user's id in your system
     * @return a JWT
     * @throws Exception when the token cannot be had
     */
    String tokenFor(String externalId) throws Exception;

    /** Releases what the backend holds (the admin client of {@link #withApiKey}); nothing by default. */
    @Override
    default void close() {
    }

    /**
     * Provisions users and mints tokens with the tenant API key, through {@link PoolseAdmin}: the
     * same retries, idempotency keys and typed errors as the rest of the SDK, and the key never
     * printed. Close the backend to close its client.
     *
     * @param apiUrl base URL of the Poolse REST API
     * @param apiKey the tenant API key
     * @return a backend that provisions the user ({@code POST /v1/users}) and mints its token
     *     ({@code POST /v1/users/{id}/tokens}) for every call
     */
    static TokenBackend withApiKey(URI apiUrl, String apiKey) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        PoolseAdmin admin = PoolseAdmin.builder().apiUrl(apiUrl.toString()).apiKey(apiKey).build();
        return new TokenBackend() {
            @Override
            public String tokenFor(String externalId) {
                return admin.users().mintTokenFor(externalId).token();
            }

            @Override
            public void close() {
                admin.close();
            }
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
}
