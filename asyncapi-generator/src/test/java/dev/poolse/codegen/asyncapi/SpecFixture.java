package dev.poolse.codegen.asyncapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tiny one-event specs for the error and mapping tests. */
final class SpecFixture {

    static final String EVENTS = "test.events";
    static final String MODEL = "test.model";

    private SpecFixture() {
    }

    /**
     * Writes {@code asyncapi.yaml} with one server event {@code ev} whose payload is the schema
     * {@code Ev}, plus the given extra YAML under {@code components/schemas} (indented by the
     * caller with four spaces), and returns options that generate from it.
     */
    static GeneratorOptions withSchemas(Path dir, String schemasYaml) throws IOException {
        String spec = """
                asyncapi: 3.0.0
                info:
                  title: Fixture
                  version: '1'
                channels:
                  room:
                    address: 'room:{id}'
                    messages:
                      ev:
                        $ref: '#/components/messages/Ev'
                operations:
                  receiveEv:
                    action: receive
                    channel:
                      $ref: '#/channels/room'
                components:
                  messages:
                    Ev:
                      name: ev
                      payload:
                        $ref: '#/components/schemas/Ev'
                  schemas:
                """ + schemasYaml;
        Path file = dir.resolve("asyncapi.yaml");
        Files.writeString(file, spec, StandardCharsets.UTF_8);
        return new GeneratorOptions(file, TestPaths.TEMPLATES, dir.resolve("out"), EVENTS, MODEL);
    }

    /** Writes {@code openapi.yaml} next to the spec with the given {@code components/schemas} YAML. */
    static void openApi(Path dir, String schemasYaml) throws IOException {
        String doc = """
                openapi: 3.0.3
                info:
                  title: Fixture REST
                  version: '1'
                paths: {}
                components:
                  schemas:
                """ + schemasYaml;
        Files.writeString(dir.resolve("openapi.yaml"), doc, StandardCharsets.UTF_8);
    }

    /** The generated source of {@code type} in the events package. */
    static String source(GeneratorOptions options, String type) {
        String source = AsyncApiGenerator.render(options).get(EVENTS.replace('.', '/') + "/" + type + ".java");
        if (source == null) {
            throw new AssertionError("no " + type + " was generated");
        }
        return source;
    }
}
