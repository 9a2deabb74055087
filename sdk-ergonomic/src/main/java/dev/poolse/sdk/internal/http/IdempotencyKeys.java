package dev.poolse.sdk.internal.http;

import dev.poolse.sdk.RequestOptions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Chooses the {@code Idempotency-Key} of one logical call, once, before the first attempt; every
 * retry reuses it so the server can replay its cached answer instead of applying the call twice.
 */
public final class IdempotencyKeys {
    private final Supplier<String> generator;

    /** @param generator makes a fresh key, e.g. a random UUID */
    public IdempotencyKeys(Supplier<String> generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /**
     * @param options the call's options
     * @return the explicit key, {@code null} when omitted, otherwise a fresh generated key
     */
    public String forCall(RequestOptions options) {
        if (options.omitIdempotencyKey()) {
            return null;
        }
        if (options.idempotencyKey().isPresent()) {
            return options.idempotencyKey().get();
        }
        String key = generator.get();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("idempotencyKeyGenerator returned a blank key");
        }
        return key;
    }
}
