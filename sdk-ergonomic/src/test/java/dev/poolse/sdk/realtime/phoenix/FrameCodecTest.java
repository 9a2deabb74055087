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
}
