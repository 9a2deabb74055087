package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefResolutionTest {

    @TempDir
    Path dir;

    @Test
    void unresolvableLocalRefFailsNamingTheRefAndWhereItIsUsed() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        meta:
                          $ref: '#/components/schemas/Meta'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("'#/components/schemas/Meta'")
                .hasMessageContaining("asyncapi.yaml#/components/schemas/Ev/properties/meta");
    }

    @Test
    void unusedBrokenRefStillFails() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties: {}
                    Orphan:
                      $ref: '#/components/schemas/Nowhere'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("'#/components/schemas/Nowhere'")
                .hasMessageContaining("asyncapi.yaml#/components/schemas/Orphan");
    }

    @Test
    void missingOpenApiSchemaFailsNamingTheRefAndWhereItIsUsed() throws IOException {
        SpecFixture.openApi(dir, """
                    Message:
                      type: object
                      properties:
                        id:
                          type: string
                """);
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        message:
                          $ref: './openapi.yaml#/components/schemas/Mesage'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("'./openapi.yaml#/components/schemas/Mesage'")
                .hasMessageContaining("asyncapi.yaml#/components/schemas/Ev/properties/message")
                .hasMessageContaining("openapi.yaml has nothing at /components/schemas/Mesage")
                .hasMessageContaining("it has: Message");
    }

    @Test
    void missingReferencedFileFailsNamingIt() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      $ref: './rest.yaml#/components/schemas/Message'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("'./rest.yaml#/components/schemas/Message'")
                .hasMessageContaining("file rest.yaml does not exist");
    }

    @Test
    void brokenRefInsideTheReferencedOpenApiSchemaFails() throws IOException {
        SpecFixture.openApi(dir, """
                    Message:
                      type: object
                      properties:
                        attachment:
                          $ref: '#/components/schemas/Attachment'
                """);
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        message:
                          $ref: './openapi.yaml#/components/schemas/Message'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("'#/components/schemas/Attachment'")
                .hasMessageContaining("openapi.yaml#/components/schemas/Message/properties/attachment");
    }

    @Test
    void refCycleFailsInsteadOfLooping() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      $ref: '#/components/schemas/A'
                    A:
                      $ref: '#/components/schemas/B'
                    B:
                      $ref: '#/components/schemas/A'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void refToAnOpenApiObjectMapsToTheModelClassAndIsNotGenerated() throws IOException {
        SpecFixture.openApi(dir, """
                    Message:
                      type: object
                      properties:
                        id:
                          type: string
                """);
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        message:
                          $ref: './openapi.yaml#/components/schemas/Message'
                """);

        assertThat(SpecFixture.source(options, "Ev"))
                .contains("import test.model.Message;")
                .contains("@JsonProperty(\"message\") Message message");
        assertThat(AsyncApiGenerator.render(options)).containsOnlyKeys(
                "test/events/Ev.java", "test/events/EventCatalog.java");
    }

    @Test
    void remoteRefIsRejected() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      $ref: 'https://example.com/schemas.yaml#/Message'
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("remote references are not supported");
    }
}
