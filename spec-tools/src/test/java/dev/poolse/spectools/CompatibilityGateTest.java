package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The openapi-diff gate: the fixture OpenAPI document is the baseline, edits of it are "current". */
class CompatibilityGateTest {

    private static final String BASELINE = Fixtures.read("openapi.yaml");

    @TempDir
    Path dir;

    private SpecCheckResult checkAgainstBaseline(String current) {
        return Fixtures.CHECKER.check(new SpecCheckOptions(
                Fixtures.write(dir, "openapi.yaml", current),
                Fixtures.write(dir, "asyncapi.yaml", Fixtures.read("asyncapi.yaml")),
                Fixtures.write(dir, "baseline.yaml", BASELINE),
                Fixtures.SCHEMAS));
    }

    @Test
    void identicalDocumentPasses() {
        SpecCheckResult result = checkAgainstBaseline(BASELINE);

        assertThat(result.problems()).isEmpty();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("gate passed").contains("no API change"));
    }

    @Test
    void removingARequiredResponsePropertyFails() {
        String current = Fixtures.edit(BASELINE, "      required: [id, body, created_at]\n", "      required: [id, body]\n");
        current = Fixtures.edit(current,
                "        created_at:\n          type: string\n          format: date-time\n", "");

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.passed()).isFalse();
        // Message is shared by two operations: the removal is reported at each, once.
        assertThat(result.problems(Problem.Check.COMPATIBILITY))
                .extracting(p -> p.location() + ": " + p.message())
                .containsExactlyInAnyOrder(
                        "GET /v1/messages/{messageId} response 200 application/json: removed properties: created_at",
                        "POST /v1/messages response 201 application/json: removed properties: created_at");
    }

    @Test
    void removingAPropertyOfARecursiveSchemaFailsAndTerminates() {
        String recursive = Fixtures.edit(BASELINE,
                "        created_at:\n          type: string\n          format: date-time\n",
                "        created_at:\n          type: string\n          format: date-time\n"
                        + "        replies:\n          type: array\n          items:\n"
                        + "            $ref: '#/components/schemas/Message'\n");
        String current = Fixtures.edit(recursive, "      required: [id, body, created_at]\n", "      required: [id, created_at]\n");
        current = Fixtures.edit(current,
                "        body:\n          type: string\n        created_at:", "        created_at:");

        SpecCheckResult result = Fixtures.CHECKER.check(new SpecCheckOptions(
                Fixtures.write(dir, "openapi.yaml", current),
                Fixtures.write(dir, "asyncapi.yaml", Fixtures.read("asyncapi.yaml")),
                Fixtures.write(dir, "baseline.yaml", recursive),
                Fixtures.SCHEMAS));

        assertThat(result.problems(Problem.Check.COMPATIBILITY))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).isEqualTo("removed properties: body"));
    }

    @Test
    void changingAPropertyTypeFails() {
        String current = Fixtures.edit(BASELINE,
                "        body:\n          type: string\n          maxLength: 4000\n",
                "        body:\n          type: integer\n");

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems(Problem.Check.COMPATIBILITY)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("POST /v1/messages request body application/json schema body");
            assertThat(p.message()).isEqualTo("type changed from string to integer");
        });
    }

    @Test
    void newRequiredQueryParameterFails() {
        String current = Fixtures.edit(BASELINE, """
                      summary: Read a message.
                      parameters:
                """, """
                      summary: Read a message.
                      parameters:
                        - name: fields
                          in: query
                          required: true
                          schema:
                            type: string
                """);

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems(Problem.Check.COMPATIBILITY)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("GET /v1/messages/{messageId}");
            assertThat(p.message()).isEqualTo("new required parameter: query 'fields'");
        });
    }

    @Test
    void removingAResponseFails() {
        String current = Fixtures.edit(BASELINE, """
                        '204':
                          description: Deleted.
                """, """
                        '202':
                          description: Deletion scheduled.
                """);

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems(Problem.Check.COMPATIBILITY)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("DELETE /v1/messages/{messageId}");
            assertThat(p.message()).isEqualTo("response 204 removed");
        });
    }

    @Test
    void removingAnOperationFails() {
        String current = Fixtures.edit(BASELINE, """
                    delete:
                      operationId: deleteMessage
                      tags: [Messages]
                      summary: Delete a message.
                      parameters:
                        - name: messageId
                          in: path
                          required: true
                          schema:
                            type: string
                            format: uuid
                      responses:
                        '204':
                          description: Deleted.
                """, "");

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems(Problem.Check.COMPATIBILITY)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("DELETE /v1/messages/{messageId}");
            assertThat(p.message()).isEqualTo("operation removed");
        });
    }

    @Test
    void newRequiredRequestFieldFails() {
        String current = Fixtures.edit(BASELINE, "      required: [body]\n", "      required: [body, parent_id]\n");

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems(Problem.Check.COMPATIBILITY)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("POST /v1/messages request body application/json");
            assertThat(p.message()).contains("became required").contains("parent_id");
        });
    }

    @Test
    void addingAnOptionalResponsePropertyPasses() {
        String current = Fixtures.edit(BASELINE,
                "        created_at:\n          type: string\n          format: date-time\n",
                "        created_at:\n          type: string\n          format: date-time\n"
                        + "        edited_at:\n          type: string\n          format: date-time\n");

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems()).isEmpty();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("compatible changes only"));
    }

    @Test
    void addingAnOperationPasses() {
        String current = Fixtures.edit(BASELINE, "components:\n", """
                  /v1/ping:
                    get:
                      operationId: ping
                      responses:
                        '204':
                          description: Alive.
                components:
                """);

        SpecCheckResult result = checkAgainstBaseline(current);

        assertThat(result.problems()).isEmpty();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("new operation GET /v1/ping"));
    }

    @Test
    void missingBaselineSkipsTheGate() {
        String current = Fixtures.edit(BASELINE, "      required: [body]\n", "      required: [body, parent_id]\n");

        SpecCheckResult result = Fixtures.CHECKER.check(new SpecCheckOptions(
                Fixtures.write(dir, "openapi.yaml", current),
                Fixtures.write(dir, "asyncapi.yaml", Fixtures.read("asyncapi.yaml")),
                dir.resolve("absent.yaml"),
                Fixtures.SCHEMAS));

        assertThat(result.passed()).isTrue();
        assertThat(result.notes()).singleElement()
                .satisfies(n -> assertThat(n).contains("skipped").contains("absent.yaml"));
    }
}
