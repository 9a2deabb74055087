package dev.poolse.sdk;

import java.util.concurrent.CompletionStage;

/**
 * Non-blocking variant of {@link TokenProvider}, for applications with an async HTTP client. A
 * stage that has not completed within the client's token timeout
 * ({@code Poolse.Builder.tokenTimeout}, 20 s by default) fails the calls waiting for it with
 * {@link RequestTimeoutException}; the stage itself is left alone.
 */
@FunctionalInterface
public interface AsyncTokenProvider {
    /**
     * Starts fetching the end-user token for the next request or socket connect.
     *
     * @return a stage completing with the token, or with {@code null} to send no
     *     {@code Authorization} (see {@link TokenProvider#getToken()}: no current route accepts
     *     that); a failed stage or a thrown exception fails the call with {@link PoolseException}
     *     "token provider failed: ..." caused by it
     */
    CompletionStage<String> getToken();
}
