package dev.poolse.sdk;

/**
 * Supplies the end-user JWT. Called only when the SDK's cache has no fresh token, on a
 * {@code poolse-callback} thread (so it may block, e.g. on a call to your backend).
 *
 * <pre>{@code
 * Poolse.builder().tokenProvider(() -> myBackend.chatToken()).build();
 * }</pre>
 */
@FunctionalInterface
public interface TokenProvider {
    /**
     * {@return the token, or {@code null} for an anonymous request (never cached)}
     *
     * @throws Exception any failure; the call that needed the token fails with {@link PoolseException}
     */
    String getToken() throws Exception;
}
