package dev.poolse.tests;

import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.Poolse;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** What the reliability tests share: clients against a dev server, conversations, the run scale. */
final class Fixtures {

    /** System property that multiplies counts and durations; the reliability-long profile sets it to 10. */
    static final String SCALE_PROPERTY = "poolse.reliability.scale";

    private Fixtures() {}

    /**
     * The multiplier of the long-running figures: 1 in every build, larger with
     * {@code -Preliability-long}.
     *
     * @return the scale, at least 1
     */
    static int scale() {
        int scale = Integer.getInteger(SCALE_PROPERTY, 1);
        if (scale < 1) {
            throw new IllegalArgumentException(SCALE_PROPERTY + " must be at least 1, got " + scale);
        }
        return scale;
    }

    /**
     * A client of {@code server} acting as {@code externalId}, with a fresh one-hour token per
     * provider call.
     *
     * @param server the dev server
     * @param externalId the user
     * @param customizer further builder settings
     * @return the client; the caller closes it
     */
    static Poolse client(PoolseDevServer server, String externalId, Consumer<Poolse.Builder> customizer) {
        Poolse.Builder b = Poolse.builder()
                .apiUrl(server.apiUrl().toString())
                .tokenProvider(() -> server.mintToken(externalId));
        customizer.accept(b);
        return b.build();
    }

    /**
     * Creates a group conversation owned by the client's user with the given members.
     *
     * @param owner the creating client
     * @param memberExternalIds the other members
     * @return the conversation id
     */
    static UUID groupConversation(Poolse owner, List<String> memberExternalIds) {
        Conversation c = owner.conversations().create(new ConversationCreateRequest()
                .type(ConversationType.GROUP)
                .name("reliability")
                .memberExternalIds(memberExternalIds));
        return c.getId();
    }
}
