package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeMappingTest {

    @TempDir
    Path dir;

    private String ev(String propertiesYaml) throws IOException {
        return SpecFixture.source(SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      required: [a]
                      properties:
                """ + propertiesYaml), "Ev");
    }

    @Test
    void uuidAndDateTimeMapToUuidAndOffsetDateTime() throws IOException {
        String source = ev("""
                        a:
                          type: string
                          format: uuid
                        at:
                          type: string
                          format: date-time
                """);

        assertThat(source).contains("@JsonProperty(\"a\") UUID a", "@JsonProperty(\"at\") OffsetDateTime at",
                "import java.util.UUID;", "import java.time.OffsetDateTime;");
    }

    @Test
    void integerFormatsMapToIntegerOrLong() throws IOException {
        String source = ev("""
                        a:
                          type: integer
                          format: int32
                        big:
                          type: integer
                          format: int64
                        plain:
                          type: integer
                """);

        assertThat(source).contains("Integer a,", "Long big,", "Long plain)");
    }

    @Test
    void arraysMapToListAndAdditionalPropertiesToMapOfTheValueType() throws IOException {
        String source = ev("""
                        a:
                          type: array
                          items:
                            type: string
                            format: uuid
                        by_emoji:
                          type: object
                          additionalProperties:
                            type: array
                            items:
                              type: string
                        free:
                          type: object
                          additionalProperties: true
                """);

        assertThat(source).contains("@JsonProperty(\"a\") List<UUID> a",
                "@JsonProperty(\"by_emoji\") Map<String, List<String>> byEmoji",
                "@JsonProperty(\"free\") Map<String, Object> free",
                "a = a == null ? null : Collections.unmodifiableList(new ArrayList<>(a));",
                "byEmoji = byEmoji == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(byEmoji));");
    }

    @Test
    void nullableTypeArrayAndOpenApiNullableAreBothDocumentedAsNullable() throws IOException {
        String source = ev("""
                        a:
                          type: [string, 'null']
                          description: JSON Schema style.
                        b:
                          type: string
                          nullable: true
                          description: OpenAPI 3.0 style.
                        c:
                          type: string
                          description: Optional only.
                """);

        assertThat(source)
                .contains("@param a JSON Schema style. Wire name <code>a</code>; nullable.")
                .contains("@param b OpenAPI 3.0 style. Wire name <code>b</code>; may be absent or null")
                .contains("@param c Optional only. Wire name <code>c</code>; may be absent (then null).");
    }

    @Test
    void namedEnumGeneratesAJavaEnumWithAnUnknownDefault() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        kind:
                          $ref: '#/components/schemas/Kind'
                    Kind:
                      type: string
                      enum: [text, 'read-receipt']
                """);

        assertThat(SpecFixture.source(options, "Ev")).contains("@JsonProperty(\"kind\") Kind kind");
        assertThat(SpecFixture.source(options, "Kind"))
                .contains("public enum Kind {")
                .contains("@JsonProperty(\"read-receipt\")\n    READ_RECEIPT(\"read-receipt\"),")
                .contains("@JsonEnumDefaultValue\n    UNKNOWN(null);");
    }

    @Test
    void mapOnlyNamedSchemaBecomesADelegatingRecord() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      additionalProperties:
                        type: integer
                """);

        assertThat(SpecFixture.source(options, "Ev"))
                .contains("public record Ev(Map<String, Long> entries)")
                .contains("@JsonCreator(mode = JsonCreator.Mode.DELEGATING)")
                .contains("@JsonValue");
    }

    @Test
    void javaKeywordPropertyGetsASafeComponentName() throws IOException {
        assertThat(ev("""
                        a:
                          type: string
                        default:
                          type: string
                """)).contains("@JsonProperty(\"default\") String default_");
    }

    @Test
    void inlineObjectWithPropertiesIsRejectedNamingThePlace() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        nested:
                          type: object
                          properties:
                            x:
                              type: string
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("asyncapi.yaml#/components/schemas/Ev/properties/nested")
                .hasMessageContaining("components/schemas");
    }

    @Test
    void inlineEnumIsRejectedNamingThePlace() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      properties:
                        status:
                          type: string
                          enum: [ok, error]
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("asyncapi.yaml#/components/schemas/Ev/properties/status")
                .hasMessageContaining("inline enums");
    }

    @Test
    void requiredNameThatIsNoPropertyIsRejected() throws IOException {
        GeneratorOptions options = SpecFixture.withSchemas(dir, """
                    Ev:
                      type: object
                      required: [mesage_id]
                      properties:
                        message_id:
                          type: string
                """);

        assertThatThrownBy(() -> AsyncApiGenerator.render(options))
                .isInstanceOf(AsyncApiGenerationException.class)
                .hasMessageContaining("'mesage_id'");
    }

    @Test
    void externalFreeFormSchemaMapsToAMapNotAModelClass() throws IOException {
        SpecFixture.openApi(dir, """
                    CustomData:
                      type: object
                      additionalProperties: true
                """);
        assertThat(ev("""
                        a:
                          $ref: './openapi.yaml#/components/schemas/CustomData'
                """)).contains("@JsonProperty(\"a\") Map<String, Object> a").doesNotContain("test.model");
    }
}
