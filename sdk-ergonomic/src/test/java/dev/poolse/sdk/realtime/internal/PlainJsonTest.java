package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.client.PoolseJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void nullMembersSurviveTheRoundTripThatTheWireMapperWouldDrop() throws Exception {
        Map<?, ?> read = PoolseJson.newObjectMapper().readValue(
                "{\"body\":null,\"n\":[1,2.5,null],\"big\":12345678901234,\"ok\":true,\"o\":{\"x\":null}}", Map.class);
        JsonNode tree = PlainJson.toTree(read);
        assertThat(tree.has("body")).isTrue();
        assertThat(tree.get("body").isNull()).isTrue();
        assertThat(tree.get("o").get("x").isNull()).isTrue();
        assertThat(tree.get("n").get(2).isNull()).isTrue();
        assertThat(tree.get("big").asLong()).isEqualTo(12345678901234L);
        assertThat(tree.get("ok").asBoolean()).isTrue();
    }

    @Test
    void valueJsonCannotProduceIsRefused() {
        assertThatThrownBy(() -> PlainJson.toTree(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
