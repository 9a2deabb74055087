package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Message;
import org.junit.jupiter.api.Test;

class RequiredKeysTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void recordsUseTheirGeneratedConstantAndModelsTheGeneratedIndex() {
        assertThat(RequiredKeys.of(ReactionEvent.class)).containsExactlyElementsOf(ReactionEvent.REQUIRED_PROPERTIES);
        assertThat(RequiredKeys.of(TypingEvent.class)).containsExactly("user_id", "external_id");
        assertThat(RequiredKeys.of(Message.class)).contains("body", "sequence", "thread_root_id")
                .doesNotContain("reply_count");
        assertThat(RequiredKeys.of(Message.class)).isSameAs(RequiredKeys.of(Message.class));
    }

    @Test
    void aTypeNeitherSpecListsIsAProgrammingError() {
        assertThatThrownBy(() -> RequiredKeys.of(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void aKeyHoldingNullIsPresent() throws Exception {
        String[] keys = RequiredKeys.of(TypingEvent.class);
        assertThat(RequiredKeys.missing(mapper.readTree("{\"user_id\":\"u\",\"external_id\":null}"), keys)).isEmpty();
        assertThat(RequiredKeys.missing(mapper.readTree("{}"), keys)).containsExactly("user_id", "external_id");
    }
}
