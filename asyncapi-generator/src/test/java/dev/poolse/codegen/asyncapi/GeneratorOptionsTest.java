package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

    @Test
    void parsesTheBuildsCommandLine() {
        GeneratorOptions options = GeneratorOptions.parse("--spec", "spec/asyncapi.yaml",
                "--templates", "codegen-templates/asyncapi", "--output", "target/generated-sources/asyncapi",
                "--package", "dev.poolse.client.events", "--model-package", "dev.poolse.client.model");

        assertThat(options).isEqualTo(new GeneratorOptions(Path.of("spec/asyncapi.yaml"),
                Path.of("codegen-templates/asyncapi"), Path.of("target/generated-sources/asyncapi"),
                "dev.poolse.client.events", "dev.poolse.client.model"));
    }

    @Test
    void missingOptionFailsWithTheUsage() {
        assertThatThrownBy(() -> GeneratorOptions.parse("--spec", "a.yaml", "--templates", "t", "--output", "o",
                "--package", "p.events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing --model-package")
                .hasMessageContaining("usage:");
    }

    @Test
    void unknownOptionFails() {
        assertThatThrownBy(() -> GeneratorOptions.parse("--specs", "a.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --specs");
    }

    @Test
    void invalidPackageNameFails() {
        assertThatThrownBy(() -> new GeneratorOptions(Path.of("a"), Path.of("t"), Path.of("o"), "dev.poolse.2events",
                "dev.poolse.model"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.poolse.2events");
    }
}
