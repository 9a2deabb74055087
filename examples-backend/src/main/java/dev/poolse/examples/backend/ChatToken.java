package dev.poolse.examples.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.poolse.sdk.admin.MintedToken;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer of {@code GET /chat-token}: what a web or mobile app needs to build its Poolse client.
 *
 * <pre>{@code
 * {"token": "eyJ...", "user_id": "3f2504e0-...", "expires_at": "2026-11-28T11:42:00Z",
 *  "api_url": "https://api.poolse.dev", "ws_url": "wss://api.poolse.dev"}
 * }</pre>
 *
 * @param token the end-user JWT; the app's token provider returns it
 * @param userId the Poolse id of the user, for the app's user channel ({@code realtime().user(id)})
 * @param expiresAt when the token stops being accepted; the app asks for a new one before then
 *     (the SDK's token cache does so 30 s ahead)
 * @param apiUrl the Poolse REST base URL, without {@code /v1}
 * @param wsUrl the Poolse WebSocket base URL
 */
public record ChatToken(
        @JsonProperty("token") String token,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("api_url") String apiUrl,
        @JsonProperty("ws_url") String wsUrl) {

    /**
     * The answer for a freshly minted token.
     *
     * @param minted the token
     * @param apiUrl the REST base URL the token is for
     * @return the answer; its WebSocket URL is the REST URL with {@code http} turned into
     *     {@code ws} ({@code https} into {@code wss}), as the SDK assumes by default
     */
    public static ChatToken of(MintedToken minted, String apiUrl) {
        return new ChatToken(minted.token(), minted.userId(), minted.expiresAt(), apiUrl,
                "ws" + apiUrl.substring("http".length()));
    }

    /** {@return the fields without the token, so that logging the answer leaks nothing} */
    @Override
    public String toString() {
        return "ChatToken[userId=" + userId + ", token=<redacted>, expiresAt=" + expiresAt + ", apiUrl=" + apiUrl
                + ", wsUrl=" + wsUrl + "]";
    }
}
