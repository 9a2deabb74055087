package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class RestReferenceTest {

    private static final Path OPENAPI = Path.of("..", "spec", "openapi.yaml");

    private final SpecSet specs = new SpecSet();
    private final Views.RestPage page = new RestReference(specs, new Markdown(), OPENAPI).build();

    private Views.Operation op(String id) {
        return page.tags().stream().flatMap(t -> t.operations().stream())
                .filter(o -> o.operationId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void listsEveryOperationOfTheSpecExactlyOnceUnderItsFirstTag() {
        JsonNode paths = specs.load(OPENAPI).path("paths");
        long inSpec = StreamSupport.stream(paths.spliterator(), false)
                .mapToLong(item -> List.of("get", "post", "put", "patch", "delete").stream().filter(item::has).count())
                .sum();
        List<String> rendered = page.tags().stream().flatMap(t -> t.operations().stream())
                .map(Views.Operation::operationId).toList();

        assertThat(rendered).hasSize((int) inSpec).doesNotHaveDuplicates();
        assertThat(page.tags().stream().filter(t -> t.name().equals("Messages")).findFirst().orElseThrow()
                .operations()).extracting(Views.Operation::operationId).contains("sendMessage", "listMessages");
    }

    @Test
    void operationsShowTheirOwnSecurityOrTheDocumentDefault() {
        assertThat(op("createUser").auth()).extracting(Views.AuthRef::name).containsExactly("TenantApiKey");
        assertThat(op("getMe").auth()).extracting(Views.AuthRef::name).containsExactly("EndUserJwt");
        assertThat(op("getMe").auth().get(0).summary()).isEqualTo("HTTP bearer (JWT)");
    }

    @Test
    void mergesPathLevelAndOperationParametersThroughTheirRefs() {
        assertThat(op("sendMessage").parameters())
                .extracting(Views.Param::name, Views.Param::in, Views.Param::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("conversation_id", "path", true),
                        org.assertj.core.groups.Tuple.tuple("Idempotency-Key", "header", false));
    }

    @Test
    void requestBodyTableShowsRequiredAndNullableFromTheSchema() {
        Views.Body body = op("sendMessage").requestBody();

        assertThat(body.typeHtml()).contains("href=\"#schema-MessageCreateRequest\"");
        Views.Field text = body.fields().stream().filter(f -> f.name().equals("body")).findFirst().orElseThrow();
        assertThat(text.nullable()).isTrue();
        assertThat(text.required()).isFalse();
        assertThat(body.examples()).isNotEmpty();
    }

    @Test
    void sharedResponsesKeepTheirHeadersAndExamples() {
        Views.Response limited = op("sendMessage").responses().stream()
                .filter(r -> r.status().equals("429")).findFirst().orElseThrow();

        assertThat(limited.headers()).extracting(Views.Header::name).containsExactly("Retry-After");
        assertThat(limited.typeHtml()).contains("#schema-ErrorEnvelope");
        assertThat(limited.examples()).singleElement().extracting(Views.Example::json).asString()
                .contains("\"rate_limited\"");
    }

    @Test
    void responsesAreOrderedByStatusWithDefaultLast() {
        List<String> statuses = op("sendMessage").responses().stream().map(Views.Response::status).toList();

        assertThat(statuses.get(0)).isEqualTo("200");
        assertThat(statuses.get(1)).isEqualTo("201");
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("default");
    }

    @Test
    void everyComponentSchemaGetsASection() {
        assertThat(page.schemas()).extracting(Views.Schema::name)
                .containsAll(iterable(specs.load(OPENAPI).path("components").path("schemas").fieldNames()));
        Views.Schema message = page.schemas().stream().filter(s -> s.name().equals("Message")).findFirst()
                .orElseThrow();
        Views.Field quoted = message.fields().stream().filter(f -> f.name().equals("quoted_message"))
                .findFirst().orElseThrow();
        assertThat(quoted.typeHtml()).contains("#schema-QuotedMessagePreview");
        assertThat(quoted.nullable()).isTrue();
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
