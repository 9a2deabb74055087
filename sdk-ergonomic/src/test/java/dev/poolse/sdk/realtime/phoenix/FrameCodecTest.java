package dev.poolse.sdk.realtime.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final FrameCodec codec = new FrameCodec(mapper);

    @Test
    void encodesJoinAsFiveElementArray() {
        String text = codec.encode(new Frame("1", "1", "conversation:c", "phx_join", mapper.createObjectNode()));
        assertThat(text).isEqualTo("[\"1\",\"1\",\"conversation:c\",\"phx_join\",{}]");
    }

    @Test
    void encodesHeartbeatWithNullJoinRef() {
        String text = codec.encode(new Frame(null, "7", "phoenix", "heartbeat", mapper.createObjectNode()));
        assertThat(text).isEqualTo("[null,\"7\",\"phoenix\",\"heartbeat\",{}]");
    }

    @Test
    void decodesBroadcastWithNullRefs() {
        Frame f = codec.decode("[null,null,\"conversation:c\",\"presence_diff\",{\"joins\":{},\"leaves\":{}}]");
        assertThat(f.joinRef()).isNull();
        assertThat(f.ref()).isNull();
        assertThat(f.topic()).isEqualTo("conversation:c");
        assertThat(f.event()).isEqualTo("presence_diff");
        assertThat(f.payload().has("joins")).isTrue();
    }

    @Test
    void decodesReplyRefs() {
        Frame f = codec.decode("[\"3\",\"4\",\"user:u\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]");
        assertThat(f.joinRef()).isEqualTo("3");
        assertThat(f.ref()).isEqualTo("4");
    }

    @Test
    void roundTripsPayload() {
        Frame original = new Frame("1", "2", "t", "e", mapper.createObjectNode().put("a", "ü\"x"));
        assertThat(codec.decode(codec.encode(original))).isEqualTo(original);
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void rejectsLegacyObjectFormat() {
        assertThatThrownBy(() -> codec.decode("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{},\"ref\":null}"))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void rejectsWrongArity() {
        assertThatThrownBy(() -> codec.decode("[null,null,\"t\",\"e\"]")).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void rejectsNonObjectPayload() {
        assertThatThrownBy(() -> codec.decode("[null,null,\"t\",\"e\",[1]]")).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void rejectsNonStringTopic() {
        assertThatThrownBy(() -> codec.decode("[null,null,5,\"e\",{}]")).isInstanceOf(MalformedFrameException.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads a payload into a map, or declines one whose "skip" key is true. */
    private final FrameCodec.PayloadTypes mapsForEventE = (topic, event) -> !"e".equals(event) ? null : p -> {
        java.util.Map<?, ?> map = mapper.readValue(p, java.util.Map.class);
        return Boolean.TRUE.equals(map.get("skip")) ? null : map;
    };

    @Test
    void bytesWithAReaderForTheEventGiveTheTypedPayloadAndTheSameTree() {
        Frame f = codec.decode(utf8("[\"1\",null,\"t\",\"e\",{\"a\":\"ü\",\"n\":{\"b\":[1,2]}}]"), mapsForEventE);
        assertThat(f.value()).isEqualTo(java.util.Map.of("a", "ü", "n", java.util.Map.of("b", java.util.List.of(1, 2))));
        assertThat(f.joinRef()).isEqualTo("1");
        assertThat(f.ref()).isNull();
        assertThat(f).isEqualTo(codec.decode("[\"1\",null,\"t\",\"e\",{\"a\":\"ü\",\"n\":{\"b\":[1,2]}}]"));
    }

    @Test
    void bytesWithoutAReaderGiveATreeOnly() {
        Frame f = codec.decode(utf8("[null,null,\"t\",\"other\",{\"a\":1}]"), mapsForEventE);
        assertThat(f.value()).isNull();
        assertThat(f.payload().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void aPayloadTheReaderDeclinesOrCannotReadIsReadAsATree() {
        Frame declined = codec.decode(utf8("[null,null,\"t\",\"e\",{\"skip\":true}]"), mapsForEventE);
        assertThat(declined.value()).isNull();
        assertThat(declined.payload().get("skip").asBoolean()).isTrue();
        FrameCodec.PayloadTypes failing = (topic, event) -> p -> {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "does not fit");
        };
        Frame unread = codec.decode(utf8("[null,null,\"t\",\"e\",{\"a\":1}]"), failing);
        assertThat(unread.value()).isNull();
        assertThat(unread.payload().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void aReaderThatStopsInsideThePayloadIsNotTrusted() {
        FrameCodec.PayloadTypes partial = (topic, event) -> p -> {
            p.nextToken(); // reads the first key only
            return "partial";
        };
        Frame f = codec.decode(utf8("[null,null,\"t\",\"e\",{\"a\":1}]"), partial);
        assertThat(f.value()).isNull();
        assertThat(f.payload().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void bytesAreAcceptedAndRefusedExactlyAsText() {
        String[] frames = {"not json", "{\"topic\":\"t\"}", "[null,null,\"t\",\"e\"]", "[null,null,\"t\",\"e\",[1]]",
            "[null,null,5,\"e\",{}]", "[null,null,\"t\",\"e\",{},6]", "[7,8,\"t\",\"e\",{}]",
            "[null,null,\"t\",\"e\",{\"a\":1}] ", "[true,null,\"t\",\"e\",{}]",
            // Jackson skips a byte order mark in bytes but not in text: the byte path must refuse it too.
            "\uFEFF[null,null,\"t\",\"e\",{}]"};
        for (String text : frames) {
            Frame fromText;
            try {
                fromText = codec.decode(text);
            } catch (MalformedFrameException e) {
                assertThatThrownBy(() -> codec.decode(utf8(text), mapsForEventE)).as(text)
                        .isInstanceOf(MalformedFrameException.class);
                continue;
            }
            assertThat(codec.decode(utf8(text), mapsForEventE)).as(text).isEqualTo(fromText);
        }
    }
}
