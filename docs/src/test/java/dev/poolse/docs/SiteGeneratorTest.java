package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteGeneratorTest {

    private static final Path SPEC = Path.of("..", "spec");
    private static final Path TEMPLATES = Path.of("..", "codegen-templates", "docs");
    private static final Path GUIDES = Path.of("src", "guides");

    @TempDir
    Path out;

    @Test
    void writesTheReferencesEveryGuideTheIndexAndAJavadocPlaceholder() throws IOException {
        SiteGenerator.generate(SPEC, TEMPLATES, GUIDES, out);

        assertThat(out.resolve("index.html")).exists();
        assertThat(out.resolve("rest.html")).content().contains("id=\"op-sendMessage\"", "id=\"schema-Message\"");
        assertThat(out.resolve("realtime.html")).content().contains("id=\"ev-conversation-messageNew\"");
        try (var guides = Files.list(GUIDES)) {
            assertThat(guides.count()).isEqualTo(9);
        }
        assertThat(out.resolve("guides/quick-start.html")).content().contains("<h1>Quick start</h1>");
        assertThat(out.resolve("guides/your-backend.html")).content().contains("<h1>Your backend</h1>");
        assertThat(out.resolve("guides/calls-and-voice.html")).content().contains("<h1>Calls and voice</h1>");
        assertThat(out.resolve("api/index.html")).content().contains("data-placeholder=\"javadoc\"");
        assertThat(out.resolve("assets/site.css")).exists();
    }

    @Test
    void keepsAnExistingJavadocIndex() throws IOException {
        Files.createDirectories(out.resolve("api"));
        Files.writeString(out.resolve("api/index.html"),
                "<!DOCTYPE html><html><head><title>Overview</title></head><body><main id=\"x\"></main></body></html>");

        SiteGenerator.generate(SPEC, TEMPLATES, GUIDES, out);

        assertThat(out.resolve("api/index.html")).content().contains("<title>Overview</title>");
    }

    @Test
    void aGuideWithABrokenLinkFailsTheBuild(@TempDir Path guides) throws IOException {
        Files.writeString(guides.resolve("01-quick-start.md"), "# Quick start\n\nSee [the op](../rest.html#op-nope).\n");

        assertThatThrownBy(() -> SiteGenerator.generate(SPEC, TEMPLATES, guides, out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("op-nope");
    }

    @Test
    void aGuideWithoutATitleIsRefused(@TempDir Path guides) throws IOException {
        Files.writeString(guides.resolve("01-quick-start.md"), "No title here.\n");

        assertThatThrownBy(() -> SiteGenerator.generate(SPEC, TEMPLATES, guides, out))
                .hasMessageContaining("must start with a '# Title' heading");
    }

    @Test
    void anUnresolvableRefFailsTheBuild(@TempDir Path spec) throws IOException {
        Files.writeString(spec.resolve("openapi.yaml"), """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /x:
                    get:
                      operationId: getX
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Missing'}
                """);

        assertThatThrownBy(() -> SiteGenerator.generate(spec, TEMPLATES, GUIDES, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#/components/schemas/Missing");
    }
}
