package dev.poolse.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.admin.MintedToken;
import dev.poolse.sdk.admin.PoolseAdmin;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** A Spring Boot application on the embedded dev server: the starter's beans, no real backend. */
@SpringBootTest(classes = ServiceAccountSpringBootTest.App.class, properties = {
        "poolse.dev-server.enabled=true",
        "poolse.service-account.external-id=support-bot"})
class ServiceAccountSpringBootTest {

    /** The smallest application: only auto-configuration. */
    @SpringBootApplication
    static class App {
    }

    @Autowired
    PoolseAdmin admin;
    @Autowired
    Poolse bot;
    @Autowired
    PoolseDevServer server;

    @Test
    void mintsATokenForAUserAndTheServiceAccountMessagesThem() {
        MintedToken alice = admin.users().mintTokenFor("alice");
        assertThat(alice.expiresAt()).isAfter(Instant.now());

        Conversation support = bot.conversations().create(new ConversationCreateRequest()
                .type(ConversationType.GROUP).name("support").memberExternalIds(List.of("alice")));
        Message sent = bot.conversations().one(support.getId()).messages()
                .send(new MessageCreateRequest().body("How can I help?"));

        try (Poolse asAlice = Poolse.builder().apiUrl(admin.apiUrl()).tokenProvider(alice::token).build()) {
            List<Message> seen = asAlice.conversations().one(support.getId()).messages()
                    .list(MessageQuery.newest(10)).getData();
            assertThat(seen).extracting(Message::getId).contains(sent.getId());
            assertThat(asAlice.me().show().getExternalId()).isEqualTo("alice");
        }
        assertThat(server.specViolations()).isEmpty();
    }
}
