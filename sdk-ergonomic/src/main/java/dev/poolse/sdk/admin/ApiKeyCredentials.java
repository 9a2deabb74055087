package dev.poolse.sdk.admin;

import dev.poolse.sdk.PoolseException;
import dev.poolse.sdk.internal.http.Credentials;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin client's credential: the API key, read from the application's supplier before every
 * attempt so that a rotated key is picked up at once. Nothing is cached, so a 401 is repeated only
 * when the key comes from a supplier (it may have been rotated meanwhile), never for a fixed key.
 */
final class ApiKeyCredentials implements Credentials {
    private final Supplier<String> key;
    private final boolean fixed;

    ApiKeyCredentials(Supplier<String> key, boolean fixed) {
        this.key = Objects.requireNonNull(key, "key");
        this.fixed = fixed;
    }

    @Override
    public CompletableFuture<String> get() {
        String value;
        try {
            value = key.get();
        } catch (RuntimeException e) {
            // The supplier's own message is kept as the cause only: it is the application's text.
            return CompletableFuture.failedFuture(new PoolseException(
                    "apiKeyProvider failed: " + e.getClass().getName(), e));
        }
        String problem = PoolseAdmin.problemWithKey(value);
        if (problem != null) {
            return CompletableFuture.failedFuture(new PoolseException("apiKeyProvider returned an unusable key: "
                    + problem));
        }
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public void invalidate() {
        // Nothing cached: the next attempt asks the supplier again.
    }

    @Override
    public boolean renewable() {
        return !fixed;
    }
}
