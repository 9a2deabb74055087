package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RealtimeReferenceTest {

    private final Views.RealtimePage page = new RealtimeReference(new SpecSet(), new Markdown(),
            Path.of("..", "spec", "asyncapi.yaml"), Path.of("..", "spec", "openapi.yaml"), "rest.html").build();

    private Views.Channel channel(String key) {
        return page.channels().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }

    private static Views.Event event(Views.Channel channel, String name) {
        return java.util.stream.Stream.concat(channel.events().stream(), channel.systemEvents().stream())
                .filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void payloadRefIntoTheOpenApiDocumentBecomesAFieldTableLinkedToTheRestPage() {
        Views.Event messageNew = event(channel("conversation"), "message:new");

        assertThat(messageNew.payloadTypeHtml()).contains("href=\"rest.html#schema-Message\"");
        assertThat(messageNew.fields()).extracting(Views.Field::name).contains("sequence", "quoted_message");
        assertThat(messageNew.fields().stream().filter(f -> f.name().equals("attachments")).findFirst()
                .orElseThrow().typeHtml()).contains("rest.html#schema-Attachment");
    }

    @Test
    void nestedRefIntoTheOpenApiDocumentLinksToTheRestPage() {
        Views.Event updated = event(channel("user"), "conversation:updated");

        assertThat(updated.payloadTypeHtml()).contains("href=\"#schema-ConversationUpdatedEvent\"");
        assertThat(updated.fields().stream().filter(f -> f.name().equals("conversation")).findFirst()
                .orElseThrow().typeHtml()).contains("href=\"rest.html#schema-Conversation\"");
    }

    @Test
    void directionFollowsTheOperationsThatUseEachMessage() {
        assertThat(event(channel("conversation"), "typing").direction()).isEqualTo("client \u2192 server");
        assertThat(event(channel("conversation"), "message:new").direction()).isEqualTo("server \u2192 client");
        assertThat(event(channel("conversation"), "phx_reply").direction()).isEqualTo("server \u2192 client");
        assertThat(event(channel("conversation"), "phx_join").direction()).isEqualTo("client \u2192 server");
    }

    @Test
    void phoenixSystemFramesAreListedApartFromApplicationEvents() {
        assertThat(channel("conversation").events()).extracting(Views.Event::name)
                .contains("message:new", "presence_diff").doesNotContain("phx_join", "phx_reply");
        assertThat(channel("conversation").systemEvents()).extracting(Views.Event::name)
                .contains("phx_join", "phx_reply", "phx_close");
    }

    @Test
    void typeListsWithNullAreShownAsNullable() {
        Views.Field deletedAt = event(channel("conversation"), "message:deleted").fields().stream()
                .filter(f -> f.name().equals("deleted_at")).findFirst().orElseThrow();

        assertThat(deletedAt.nullable()).isTrue();
        assertThat(deletedAt.typeHtml()).isEqualTo("<code>string (date-time)</code>");
    }

    @Test
    void mapOnlyPayloadsGetOneKeyRow() {
        Views.Event state = event(channel("conversation"), "presence_state");

        assertThat(state.fields()).extracting(Views.Field::name).containsExactly("{key}");
        assertThat(state.fields().get(0).typeHtml()).contains("#schema-PresenceEntry");
    }

    @Test
    void examplesArePrintedAsJson() {
        Views.Event reaction = event(channel("conversation"), "reaction:added");

        assertThat(reaction.examples()).singleElement().satisfies(ex ->
                assertThat(ex.json()).contains("\"emoji\" : \"\uD83D\uDC4D\"").startsWith("{"));
    }

    @Test
    void channelsShowTheirAddressAndParameters() {
        assertThat(channel("conversation").address()).isEqualTo("conversation:{conversationId}");
        assertThat(channel("conversation").parameters()).extracting(Views.Param::name)
                .containsExactly("conversationId");
        assertThat(page.connectQuery()).extracting(Views.Field::name).containsExactly("token", "vsn");
    }
}
