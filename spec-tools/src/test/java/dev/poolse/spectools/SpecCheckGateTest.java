package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's entry point: returns on success, throws (never exits) on failure. */
class SpecCheckGateTest {

    @TempDir
    Path dir;

    private String[] args(String openapi) {
        return new String[] {
            "--openapi", Fixtures.write(dir, "openapi.yaml", openapi).toString(),
            "--asyncapi", Fixtures.write(dir, "asyncapi.yaml", Fixtures.read("asyncapi.yaml")).toString(),
            "--baseline", dir.resolve("baseline.yaml").toString(),
            "--schemas", Fixtures.SCHEMAS.toString(),
        };
    }

    @Test
    void validSpecsReturnNormally() {
        assertThatCode(() -> SpecCheckGate.main(args(Fixtures.read("openapi.yaml")))).doesNotThrowAnyException();
    }

    @Test
    void aTypoInTheSpecThrowsInsteadOfExiting() {
        String openapi = Fixtures.edit(Fixtures.read("openapi.yaml"),
                "      summary: Read a message.\n", "      summary: Read a message.\n      descripton: Misspelt.\n");

        assertThatThrownBy(() -> SpecCheckGate.main(args(openapi)))
                .isInstanceOf(SpecCheckGate.SpecCheckFailedException.class)
                .hasMessageStartingWith("spec check failed");
    }

    @Test
    void aWrongCommandLineThrows() {
        assertThatThrownBy(() -> SpecCheckGate.main(new String[] {"--openapi", "a.yaml"}))
                .isInstanceOf(SpecCheckGate.SpecCheckFailedException.class)
                .hasMessageContaining("wrong command line");
    }
}
