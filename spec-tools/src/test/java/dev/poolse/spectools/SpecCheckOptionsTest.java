package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Parsing of the command line. */
class SpecCheckOptionsTest {

    @Test
    void parsesAllFlagsInAnyOrder() {
        SpecCheckOptions options = SpecCheckOptions.parse(
                "--schemas", "s", "--baseline", "b.yaml", "--asyncapi", "a.yaml", "--openapi", "o.yaml");

        assertThat(options).isEqualTo(new SpecCheckOptions(Path.of("o.yaml"), Path.of("a.yaml"), Path.of("b.yaml"), Path.of("s")));
    }

    @Test
    void rejectsUnknownFlag() {
        assertThatThrownBy(() -> SpecCheckOptions.parse("--openap", "o.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--openap'");
    }

    @Test
    void rejectsFlagWithoutValue() {
        assertThatThrownBy(() -> SpecCheckOptions.parse("--openapi", "--asyncapi", "a.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--openapi needs a value");
    }

    @Test
    void rejectsRepeatedFlag() {
        assertThatThrownBy(() -> SpecCheckOptions.parse("--openapi", "a", "--openapi", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--openapi given twice");
    }
}
