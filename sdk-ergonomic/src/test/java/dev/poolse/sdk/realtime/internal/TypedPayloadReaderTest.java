package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.events.ReactionEvent;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TypedPayloadReaderTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private final ObjectMapper mapper = PoolseJson.newObjectMapper();
    private final TypedPayloadReader reactions = new TypedPayloadReader(mapper, ReactionEvent.class);

    private Object read(String payload) throws IOException {
        try (JsonParser p = mapper.createParser(payload)) {
            p.nextToken();
            return reactions.read(p);
        }
    }

    private static String reaction(String emoji) {
        return "{\"message_id\":\"" + ID + "\",\"conversation_id\":\"" + ID + "\"," + emoji + "\"user_id\":\"" + ID
                + "\",\"revision\":4}";
    }

    @Test
    void readsAPayloadWithEveryRequiredKey() throws IOException {
        assertThat(read(reaction("\"emoji\":\"👍\","))).isEqualTo(new ReactionEvent(ID, ID, "👍", ID, 4L));
    }

    @Test
    void anExplicitNullCountsAsPresent() throws IOException {
        assertThat(read(reaction("\"emoji\":null,"))).isEqualTo(new ReactionEvent(ID, ID, null, ID, 4L));
    }

    @Test
    void declinesAPayloadLackingARequiredKey() throws IOException {
        assertThat(read(reaction(""))).isNull();
    }

    @Test
    void aRequiredKeyInsideANestedObjectDoesNotCount() throws IOException {
        assertThat(read(reaction("\"extra\":{\"emoji\":\"👍\"},"))).isNull();
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThatThrownBy(() -> read(reaction("\"emoji\":\"👍\",").replace("\"revision\":4", "\"revision\":[]")))
                .isInstanceOf(IOException.class);
    }
}
