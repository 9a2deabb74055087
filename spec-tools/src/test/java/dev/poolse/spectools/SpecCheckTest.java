package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: arguments, printed lines and exit status. */
class SpecCheckTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SpecCheck.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] args(String openapi) {
        return new String[] {
            "--openapi", Fixtures.write(dir, "openapi.yaml", openapi).toString(),
            "--asyncapi", Fixtures.write(dir, "asyncapi.yaml", Fixtures.read("asyncapi.yaml")).toString(),
            "--baseline", dir.resolve("baseline.yaml").toString(),
            "--schemas", Fixtures.SCHEMAS.toString(),
        };
    }

    @Test
    void validSpecsReturnZeroAndSaySo() {
        int status = run(args(Fixtures.read("openapi.yaml")));

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gate skipped").contains("spec check passed");
    }

    @Test
    void problemsReturnOneAndPrintOneLineEach() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "      summary: Read a message.\n", "      summary: Read a message.\n      descripton: Misspelt.\n");

        int status = run(args(openapi));

        assertThat(status).isEqualTo(SpecCheck.EXIT_PROBLEMS);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line)
                        .matches(".*openapi\\.yaml:\\d+: \\[openapi-schema\\] \\$\\.paths\\['/v1/messages/\\{messageId}'].get: .*descripton.*"))
                .last().asString().startsWith("spec check failed");
    }

    @Test
    void missingArgumentReturnsUsageStatus() {
        int status = run("--openapi", "a.yaml");

        assertThat(status).isEqualTo(SpecCheck.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --asyncapi").contains(SpecCheckOptions.USAGE);
    }

    @Test
    void wrongSchemasDirectoryIsAUsageError() {
        String[] args = args(Fixtures.read("openapi.yaml"));
        args[7] = dir.toString();

        assertThat(run(args)).isEqualTo(SpecCheck.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("JSON Schema not found");
    }
}
