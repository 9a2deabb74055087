package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON Schema and swagger-parser checks of the OpenAPI and AsyncAPI documents. */
class SchemaValidationTest {

    @TempDir
    Path dir;

    private SpecCheckResult check(String openapi, String asyncapi) {
        return Fixtures.CHECKER.check(new SpecCheckOptions(
                Fixtures.write(dir, "openapi.yaml", openapi),
                Fixtures.write(dir, "asyncapi.yaml", asyncapi),
                dir.resolve("no-baseline.yaml"),
                Fixtures.SCHEMAS));
    }

    @Test
    void validDocumentsPass() {
        SpecCheckResult result = check(Fixtures.read("openapi.yaml"), Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void typeTypoFailsNamingThePathAndLine() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "        body:\n          type: string\n          maxLength",
                "        body:\n          type: strin\n          maxLength");

        SpecCheckResult result = check(openapi, Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems(Problem.Check.OPENAPI_SCHEMA)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("$.components.schemas.MessageCreateRequest.properties.body.type");
            assertThat(p.line()).isEqualTo(Fixtures.lineOf(openapi, "type: strin"));
            assertThat(p.message()).contains("enum");
        });
        assertThat(result.passed()).isFalse();
    }

    @Test
    void unknownOperationPropertyFailsNamingIt() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "      summary: Read a message.\n",
                "      summary: Read a message.\n      descripton: Misspelt.\n");

        SpecCheckResult result = check(openapi, Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems(Problem.Check.OPENAPI_SCHEMA)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("$.paths['/v1/messages/{messageId}'].get");
            assertThat(p.message()).contains("descripton");
            assertThat(p.line()).isEqualTo(Fixtures.lineOf(openapi, "descripton: Misspelt."));
        });
    }

    @Test
    void unknownSchemaPropertyFailsWithoutReferenceBranchNoise() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "          format: date-time\n",
                "          format: date-time\n          nulable: true\n");

        SpecCheckResult result = check(openapi, Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems(Problem.Check.OPENAPI_SCHEMA)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("$.components.schemas.Message.properties.created_at");
            assertThat(p.message()).contains("nulable");
        });
    }

    @Test
    void swaggerParserReportsWhatTheSchemaCannotSee() {
        // Schema-valid, but the $ref points nowhere; only the parser knows.
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "$ref: '#/components/schemas/MessageCreateRequest'",
                "$ref: '#/components/schemas/MessageCreateRequst'");

        SpecCheckResult result = check(openapi, Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems(Problem.Check.OPENAPI_SCHEMA)).isEmpty();
        assertThat(result.problems(Problem.Check.OPENAPI_PARSER))
                .anySatisfy(p -> assertThat(p.message()).contains("MessageCreateRequst"));
    }

    @Test
    void invalidAsyncApiFailsNamingThePlace() {
        String asyncapi = Fixtures.edit(Fixtures.read("asyncapi.yaml"),
                "    action: receive", "    action: recieve");

        SpecCheckResult result = check(Fixtures.read("openapi.yaml"), asyncapi);

        assertThat(result.problems(Problem.Check.ASYNCAPI_SCHEMA)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.location()).startsWith("$.operations.receiveMessageNew"))
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(Fixtures.lineOf(asyncapi, "action: recieve")));
        assertThat(result.problems(Problem.Check.OPENAPI_SCHEMA)).isEmpty();
    }

    @Test
    void unknownAsyncApiPropertyFails() {
        String asyncapi = Fixtures.edit(Fixtures.read("asyncapi.yaml"),
                "    address: 'conversation:{conversationId}'\n",
                "    address: 'conversation:{conversationId}'\n    adress: typo\n");

        SpecCheckResult result = check(Fixtures.read("openapi.yaml"), asyncapi);

        assertThat(result.problems(Problem.Check.ASYNCAPI_SCHEMA))
                .anySatisfy(p -> {
                    assertThat(p.message()).contains("adress");
                    assertThat(p.line()).isEqualTo(Fixtures.lineOf(asyncapi, "adress: typo"));
                });
    }

    @Test
    void malformedYamlIsReportedWithItsLine() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "  title: Spec check fixture\n", "  title: [unclosed\n");

        SpecCheckResult result = check(openapi, Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems(Problem.Check.INPUT)).singleElement()
                .satisfies(p -> assertThat(p.line()).isPositive());
        assertThat(result.problems(Problem.Check.OPENAPI_PARSER)).isEmpty();
    }

    @Test
    void duplicateKeyIsAnError() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "  version: 1.0.0\n", "  version: 1.0.0\n  version: 1.0.1\n");

        SpecCheckResult result = check(openapi, Fixtures.read("asyncapi.yaml"));

        assertThat(result.problems(Problem.Check.INPUT)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("version"));
    }
}
