package dev.poolse.bench.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.events.PresenceDiff;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stub's frames must decode into the SDK's types and form a stream with no gap in revision or sequence. */
class BlastFramesTest {

    private static final ObjectMapper JSON = PoolseJson.newObjectMapper();
    private static final UUID CONVERSATION = UUID.fromString("5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    @Test
    void everyFrameIsAPhoenixBroadcastOnTheTopicAndDecodesIntoItsType() throws Exception {
        BlastFrames frames = new BlastFrames(CONVERSATION);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonNode array = JSON.readTree(frames.nextText());
            assertThat(array.isArray()).isTrue();
            assertThat(array.size()).isEqualTo(5);
            assertThat(array.get(0).isNull()).isTrue();
            assertThat(array.get(1).isNull()).isTrue();
            assertThat(array.get(2).asText()).isEqualTo("conversation:" + CONVERSATION);
            String event = array.get(3).asText();
            events.add(event);
            JsonNode payload = array.get(4);
            switch (event) {
                case "message:new" -> {
                    Message m = JSON.treeToValue(payload, Message.class);
                    assertThat(m.getConversationId()).isEqualTo(CONVERSATION);
                    assertThat(m.getBody()).isNotEmpty();
                    // Every property the spec marks required is present, so a checking client skips none.
                    assertThat(payload.fieldNames()).toIterable().contains("id", "tenant_id", "conversation_id",
                            "sender_id", "sender_external_id", "type", "body", "reply_to_id", "thread_root_id",
                            "mentions", "reactions", "edited_at", "deleted_at", "sequence", "inserted_at",
                            "updated_at");
                }
                case "reaction:added" -> assertThat(JSON.treeToValue(payload, ReactionEvent.class).emoji())
                        .isEqualTo("\uD83D\uDC4D");
                case "typing:start" -> assertThat(JSON.treeToValue(payload, TypingEvent.class).externalId())
                        .isEqualTo("alice");
                case "presence_diff" -> assertThat(JSON.treeToValue(payload, PresenceDiff.class)).isNotNull();
                default -> throw new AssertionError("unexpected event " + event);
            }
        }
        assertThat(events.subList(0, 10)).containsExactly("message:new", "reaction:added", "message:new",
                "typing:start", "presence_diff", "message:new", "reaction:added", "message:new", "typing:start",
                "presence_diff");
        assertThat(events.subList(10, 20)).isEqualTo(events.subList(0, 10));
    }

    @Test
    void durableEventsTakeConsecutiveRevisionsAndMessagesConsecutiveSequencesAndFreshIds() throws Exception {
        BlastFrames frames = new BlastFrames(CONVERSATION);
        long expectedRevision = BlastFrames.JOIN_REVISION + 1;
        long expectedSequence = 1;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            JsonNode array = JSON.readTree(frames.nextText());
            JsonNode payload = array.get(4);
            switch (array.get(3).asText()) {
                case "message:new" -> {
                    assertThat(payload.get("revision").asLong()).isEqualTo(expectedRevision++);
                    assertThat(payload.get("sequence").asLong()).isEqualTo(expectedSequence++);
                    assertThat(ids.add(payload.get("id").asText())).isTrue();
                    UUID.fromString(payload.get("id").asText());
                }
                case "reaction:added" -> assertThat(payload.get("revision").asLong()).isEqualTo(expectedRevision++);
                default -> assertThat(payload.has("revision")).isFalse();
            }
        }
        assertThat(ids).hasSize(400);
    }

    @Test
    void presenceDiffsAlternatelyAddAndRemoveTheSameMeta() throws Exception {
        BlastFrames frames = new BlastFrames(CONVERSATION);
        List<PresenceDiff> diffs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonNode array = JSON.readTree(frames.nextText());
            if (array.get(3).asText().equals("presence_diff")) {
                diffs.add(JSON.treeToValue(array.get(4), PresenceDiff.class));
            }
        }
        assertThat(diffs).hasSize(4);
        assertThat(diffs.get(0).joins()).isEqualTo(diffs.get(1).leaves());
        assertThat(diffs.get(0).leaves()).isEmpty();
        assertThat(diffs.get(1).joins()).isEmpty();
        assertThat(diffs.get(2)).isEqualTo(diffs.get(0));
    }

    @Test
    void presenceStateIsAChannelPushWithTheJoinRef() throws Exception {
        JsonNode array = JSON.readTree(BlastFrames.presenceState(CONVERSATION, "7"));
        assertThat(array.get(0).asText()).isEqualTo("7");
        assertThat(array.get(1).isNull()).isTrue();
        assertThat(array.get(3).asText()).isEqualTo("presence_state");
        assertThat(array.get(4).path(BlastFrames.SENDER).path("metas").path(0).path("phx_ref").isTextual()).isTrue();
    }

    @Test
    void digitsArePaddedOnlyWhenAsked() {
        ByteBuf buf = Unpooled.buffer(4);
        try {
            BlastFrames.writeDigits(buf, 42, 5);
            BlastFrames.writeDigits(buf, 0, 0);
            BlastFrames.writeDigits(buf, 1234567890123L, 0);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("0004201234567890123");
        } finally {
            buf.release();
        }
    }
}
