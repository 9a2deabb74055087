package dev.poolse.sdk.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a channel does when the server no longer keeps the events it missed: it says so with
 * {@link ResyncRequiredException}, still delivers every main-feed message once and in order, and
 * carries on live.
 */
class ReplayWindowIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void missedEventsBeyondTheServersWindowAreReportedAndMessagesStillCaughtUp() throws Exception {
        List<Throwable> socketErrors = new CopyOnWriteArrayList<>();
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().eventRetention(5).rateLimit(0)
                        .build());
                Poolse alice = client(server, "alice", e -> { });
                Poolse bob = client(server, "bob", socketErrors::add)) {
            Conversation conv = alice.conversations().create(new ConversationCreateRequest()
                    .type(ConversationType.GROUP).name("window").memberExternalIds(List.of("bob")));
            ConversationChannel channel = bob.realtime().conversation(conv.getId());
            List<String> bodies = new CopyOnWriteArrayList<>();
            List<ReactionEvent> reactions = new CopyOnWriteArrayList<>();
            List<RealtimeException> channelErrors = new CopyOnWriteArrayList<>();
            channel.onMessage(m -> bodies.add(m.getBody()));
            channel.onReactionAdded(reactions::add);
            channel.onError(channelErrors::add);
            channel.joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            send(alice, conv, "m0");
            await().atMost(WAIT).until(() -> bodies.size() == 1);

            bob.realtime().disconnect();
            await().atMost(WAIT).until(() -> bob.realtime().status() == RealtimeStatus.CLOSED);
            List<String> expected = new ArrayList<>(List.of("m0"));
            for (int i = 1; i <= 6; i++) {
                Message m = send(alice, conv, "m" + i);
                alice.messages().one(m.getId()).addReaction("👍");
                expected.add("m" + i);
            }
            bob.realtime().connect();

            await().atMost(WAIT).until(() -> !channelErrors.isEmpty() && bodies.size() == expected.size());
            assertThat(channelErrors).singleElement().isInstanceOf(ResyncRequiredException.class);
            assertThat(((ResyncRequiredException) channelErrors.get(0)).conversationId()).isEqualTo(conv.getId());
            assertThat(socketErrors).anySatisfy(e -> assertThat(e).isInstanceOf(ResyncRequiredException.class));
            assertThat(bodies).containsExactlyElementsOf(expected);
            assertThat(reactions).as("reactions in the lost range are not replayed").isEmpty();

            Message live = send(alice, conv, "after");
            alice.messages().one(live.getId()).addReaction("🎉");
            await().atMost(WAIT).until(() -> bodies.contains("after") && reactions.size() == 1);
            assertThat(bodies).endsWith("after").doesNotHaveDuplicates();
        }
    }

    private static Poolse client(PoolseDevServer server, String externalId,
            java.util.function.Consumer<Throwable> onSocketError) {
        return Poolse.builder()
                .apiUrl(server.apiUrl().toString())
                .tokenProvider(() -> server.mintToken(externalId))
                .onSocketError(onSocketError)
                .build();
    }

    private static Message send(Poolse p, Conversation conv, String body) {
        return p.conversations().one(conv.getId()).messages().send(new MessageCreateRequest().body(body));
    }
}
