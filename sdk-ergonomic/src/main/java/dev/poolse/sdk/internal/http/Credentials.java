package dev.poolse.sdk.internal.http;

import java.util.concurrent.CompletableFuture;

/**
 * Where the pipeline gets the {@code Authorization: Bearer} value of each attempt: the end-user
 * token cache for {@code Poolse}, the tenant API key for {@code PoolseAdmin}. The pipeline knows
 * nothing else about the credential, so both clients share its retry, timeout and error rules.
 */
public interface Credentials {
    /**
     * The credential for the next attempt.
     *
     * @return a future owned by the caller, completed with the credential, or {@code null} to send
     *     no {@code Authorization} header
     */
    CompletableFuture<String> get();

    /** Drops the current credential after a 401, so that the next {@link #get()} may return another. */
    void invalidate();

    /**
     * Whether a 401 is worth one repeat of the attempt with a fresh credential. A fixed credential
     * would only be refused again.
     *
     * @return {@code true} when {@link #invalidate()} can lead to a different credential
     */
    default boolean renewable() {
        return true;
    }
}
