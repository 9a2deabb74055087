package dev.poolse.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Me;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.examples.backend.ChatTokenClient.Answer;
import dev.poolse.sdk.Poolse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /chat-token} on the embedded dev server, called as an app would call it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatTokenEndpointTest {

    @LocalServerPort
    int port;
    @Autowired
    PoolseDevServer devServer;

    private ChatTokenClient backend;

    @BeforeEach
    void client() {
        backend = new ChatTokenClient(port);
    }

    @Test
    void theTokenForAliceIsAcceptedByPoolseAsAlice() {
        Answer answer = backend.get("alice");
        assertThat(answer.status()).isEqualTo(200);

        try (Poolse app = Poolse.builder().apiUrl(answer.text("api_url")).tokenProvider(() -> answer.text("token"))
                .build()) {
            Me me = app.me().show();
            assertThat(me.getExternalId()).isEqualTo("alice");
            assertThat(me.getId()).hasToString(answer.text("user_id"));
        }
        assertThat(devServer.specViolations()).isEmpty();
    }

    @Test
    void theAnswerSaysWhereToConnectAndWhenToAskAgain() {
        Answer answer = backend.get("alice");

        assertThat(answer.text("api_url")).isEqualTo(devServer.apiUrl().toString());
        assertThat(answer.text("ws_url")).isEqualTo(devServer.wsUrl().toString());
        assertThat(Instant.parse(answer.text("expires_at"))).isAfter(Instant.now());
    }

    @Test
    void theTokenIsNotKeptByCaches() {
        Answer answer = backend.get("alice");

        assertThat(answer.response().headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void withoutTheHeaderTheAnswerIs401WithAJsonError() {
        Answer answer = backend.get(null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(answer.json().path("error").path("message").asText()).contains(ChatTokenController.USER_HEADER);
    }

    @Test
    void aBlankUserIdIsNotSignedIn() {
        Answer answer = backend.get("   ");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aUserIdPoolseCannotTakeIs400() {
        Answer answer = backend.get("a".repeat(256));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("invalid_user_id");
    }

    @Test
    void nobodyGetsTheSupportBotsToken() {
        Answer answer = backend.get("support-bot");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("forbidden");
        assertThat(answer.json().has("token")).isFalse();
    }
}
