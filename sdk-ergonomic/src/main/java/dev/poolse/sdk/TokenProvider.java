package dev.poolse.sdk;

/**
 * Supplies the end-user JWT. Called only when the SDK's cache has no fresh token, on a
 * {@code poolse-callback} thread (so it may block, e.g. on a call to your backend), for at most
 * the client's token timeout ({@code Poolse.Builder.tokenTimeout}, 20 s by default): then the
 * calls waiting for it fail with {@link RequestTimeoutException} and the thread is interrupted.
 *
 * <pre>{@code
 * Poolse.builder().tokenProvider(() -> myBackend.chatToken()).build();
 * }</pre>
 */
@FunctionalInterface
public interface TokenProvider {
    /**
     * Returns the end-user token for the next request or socket connect.
     *
     * @return the token, or {@code null} to send the request without {@code Authorization} (never
     *     cached). Every current route requires a token, so {@code null} ends in
     *     {@link AuthException} (the SDK asks once more after the 401), and a socket without a
     *     token is refused and keeps retrying with its backoff, reporting each refusal to
     *     {@code onSocketError}. A tenant API key ({@code pk_...}) is refused before anything is
     *     sent: the call fails with {@link PoolseException}, because the key must stay on your
     *     backend (see {@code dev.poolse.sdk.admin.PoolseAdmin})
     * @throws Exception any failure; the call that needed the token fails with
     *     {@link PoolseException} "token provider failed: ...", whose cause is this exception
     */
    String getToken() throws Exception;
}
