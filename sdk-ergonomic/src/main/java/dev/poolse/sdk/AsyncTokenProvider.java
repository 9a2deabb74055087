package dev.poolse.sdk;

import java.util.concurrent.CompletionStage;

/** Non-blocking variant of {@link TokenProvider}, for applications with an async HTTP client. */
@FunctionalInterface
public interface AsyncTokenProvider {
    /** {@return a stage completing with the token, or with {@code null} for an anonymous request} */
    CompletionStage<String> getToken();
}
