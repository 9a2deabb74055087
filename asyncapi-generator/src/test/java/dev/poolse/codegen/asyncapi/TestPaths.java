package dev.poolse.codegen.asyncapi;

import java.nio.file.Path;

/** Paths the tests share; relative to the module directory, which is the tests' working directory. */
final class TestPaths {

    static final Path TEMPLATES = Path.of("..", "codegen-templates", "asyncapi");
    static final Path REAL_SPEC = Path.of("..", "spec", "asyncapi.yaml");
    static final Path GOLDEN_INPUT = Path.of("src", "test", "resources", "golden", "input", "asyncapi.yaml");
    static final Path GOLDEN_EXPECTED = Path.of("src", "test", "resources", "golden", "expected");
    static final String GOLDEN_EVENTS_PACKAGE = "dev.poolse.golden.events";
    static final String GOLDEN_MODEL_PACKAGE = "dev.poolse.golden.model";

    private TestPaths() {
    }

    static GeneratorOptions golden(Path output) {
        return new GeneratorOptions(GOLDEN_INPUT, TEMPLATES, output, GOLDEN_EVENTS_PACKAGE, GOLDEN_MODEL_PACKAGE);
    }

    static GeneratorOptions real(Path output) {
        return new GeneratorOptions(REAL_SPEC, TEMPLATES, output, "dev.poolse.client.events", "dev.poolse.client.model");
    }
}
