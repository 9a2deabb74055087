package dev.poolse.devserver.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.poolse.client.PoolseJson;
import org.junit.jupiter.api.Test;

class PhoenixFrameTest {

  private final ObjectMapper mapper = PoolseJson.newObjectMapper();

  @Test
  void parsesAJoin() throws Exception {
    PhoenixFrame f = PhoenixFrame.parse(mapper, "[\"1\",\"1\",\"conversation:x\",\"phx_join\",{}]");
    assertThat(f.joinRef()).isEqualTo("1");
    assertThat(f.ref()).isEqualTo("1");
    assertThat(f.topic()).isEqualTo("conversation:x");
    assertThat(f.event()).isEqualTo("phx_join");
  }

  @Test
  void encodesNullRefsAsJsonNull() {
    String text = new PhoenixFrame(null, null, "t", "e", JsonNodeFactory.instance.objectNode()).encode(mapper);
    assertThat(text).isEqualTo("[null,null,\"t\",\"e\",{}]");
  }

  @Test
  void rejectsFramesThatAreNotFiveElementArrays() {
    assertThatThrownBy(() -> PhoenixFrame.parse(mapper, "{}")).isInstanceOf(PhoenixFrame.MalformedFrameException.class);
    assertThatThrownBy(() -> PhoenixFrame.parse(mapper, "[1,2,3]")).isInstanceOf(PhoenixFrame.MalformedFrameException.class);
    assertThatThrownBy(() -> PhoenixFrame.parse(mapper, "[null,\"1\",\"t\",\"e\",[]]"))
        .isInstanceOf(PhoenixFrame.MalformedFrameException.class);
    assertThatThrownBy(() -> PhoenixFrame.parse(mapper, "not json")).isInstanceOf(PhoenixFrame.MalformedFrameException.class);
  }

  @Test
  void errorReplyCarriesTheReason() {
    assertThat(PhoenixFrame.errorReply("forbidden").toString())
        .isEqualTo("{\"status\":\"error\",\"response\":{\"reason\":\"forbidden\"}}");
  }
}
