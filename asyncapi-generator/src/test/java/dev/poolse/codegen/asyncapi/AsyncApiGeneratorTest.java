package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncApiGeneratorTest {

    @TempDir
    Path output;

    private Path packageDir() {
        return output.resolve(TestPaths.GOLDEN_EVENTS_PACKAGE.replace('.', '/'));
    }

    @Test
    void mainWritesEveryRenderedFile() throws IOException {
        AsyncApiGenerator.main(new String[] {"--spec", TestPaths.GOLDEN_INPUT.toString(),
                "--templates", TestPaths.TEMPLATES.toString(), "--output", output.toString(),
                "--package", TestPaths.GOLDEN_EVENTS_PACKAGE, "--model-package", TestPaths.GOLDEN_MODEL_PACKAGE});

        for (var file : AsyncApiGenerator.render(TestPaths.golden(output)).entrySet()) {
            assertThat(output.resolve(file.getKey())).hasContent(file.getValue());
        }
    }

    @Test
    void unchangedFilesAreNotRewritten() throws IOException {
        List<Path> first = AsyncApiGenerator.generate(TestPaths.golden(output));
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        for (Path file : first) {
            Files.setLastModifiedTime(file, old);
        }

        AsyncApiGenerator.generate(TestPaths.golden(output));

        for (Path file : first) {
            assertThat(Files.getLastModifiedTime(file)).as("%s", file).isEqualTo(old);
        }
    }

    @Test
    void staleGeneratedFilesAreDeletedAndHandWrittenOnesKept() throws IOException {
        Files.createDirectories(packageDir());
        Path stale = Files.writeString(packageDir().resolve("Removed.java"),
                "// " + SourceRenderer.GENERATED_MARKER + " from asyncapi.yaml. Do not edit.\nclass Removed {}\n");
        Path handWritten = Files.writeString(packageDir().resolve("Helper.java"), "class Helper {}\n");

        AsyncApiGenerator.generate(TestPaths.golden(output));

        assertThat(stale).doesNotExist();
        assertThat(handWritten).exists();
    }

    @Test
    void templatesAreReadFromTheTemplatesDirectory() throws IOException {
        Path templates = Files.createDirectories(output.resolve("templates"));
        try (var files = Files.list(TestPaths.TEMPLATES)) {
            for (Path template : files.toList()) {
                Files.copy(template, templates.resolve(template.getFileName().toString()));
            }
        }
        Path record = templates.resolve("record.mustache");
        Files.writeString(record, Files.readString(record).replace("public record", "public /* custom */ record"));
        GeneratorOptions options = new GeneratorOptions(TestPaths.GOLDEN_INPUT, templates, output.resolve("out"),
                TestPaths.GOLDEN_EVENTS_PACKAGE, TestPaths.GOLDEN_MODEL_PACKAGE);

        String poke = AsyncApiGenerator.render(options).get("dev/poolse/golden/events/Poke.java");

        assertThat(poke).contains("public /* custom */ record Poke()");
    }

    @Test
    void templateReferringToAnUnknownValueFailsNamingTheTemplate() throws IOException {
        Path templates = Files.createDirectories(output.resolve("templates"));
        try (var files = Files.list(TestPaths.TEMPLATES)) {
            for (Path template : files.toList()) {
                Files.copy(template, templates.resolve(template.getFileName().toString()));
            }
        }
        Files.writeString(templates.resolve("enum.mustache"), "{{>header}}\nenum {{nmae}} {}\n");
        GeneratorOptions options = new GeneratorOptions(TestPaths.GOLDEN_INPUT, templates, output.resolve("out"),
                TestPaths.GOLDEN_EVENTS_PACKAGE, TestPaths.GOLDEN_MODEL_PACKAGE);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("enum.mustache")
                .hasMessageContaining("nmae");
    }

    @Test
    void missingTemplatesDirectoryFailsNamingIt() {
        GeneratorOptions options = new GeneratorOptions(TestPaths.GOLDEN_INPUT, output.resolve("no-templates"),
                output, TestPaths.GOLDEN_EVENTS_PACKAGE, TestPaths.GOLDEN_MODEL_PACKAGE);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("no-templates");
    }
}
