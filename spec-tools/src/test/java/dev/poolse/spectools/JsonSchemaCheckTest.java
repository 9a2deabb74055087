package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading of the JSON Schemas. */
class JsonSchemaCheckTest {

    @TempDir
    Path dir;

    @Test
    void schemaThatReachesForTheNetworkFailsInsteadOfDownloading() {
        Path schema = Fixtures.write(dir, "remote.json", """
                {"$schema": "http://json-schema.org/draft-07/schema#",
                 "properties": {"a": {"$ref": "http://127.0.0.1:9/elsewhere.json"}}}
                """);
        Path document = Fixtures.write(dir, "doc.yaml", "a: 1\n");

        assertThatThrownBy(() -> JsonSchemaCheck.load(schema, Problem.Check.OPENAPI_SCHEMA).validate(document, "doc.yaml"))
                .hasStackTraceContaining("'http://127.0.0.1:9/elsewhere.json' is not allowed to be loaded");
    }

    @Test
    void draft04SchemaIsRecognised() {
        Path schema = Fixtures.write(dir, "d4.json", """
                {"$schema": "http://json-schema.org/draft-04/schema#",
                 "type": "object", "properties": {"n": {"type": "integer", "minimum": 1, "exclusiveMinimum": true}}}
                """);
        Path document = Fixtures.write(dir, "doc.yaml", "n: 1\n");

        // exclusiveMinimum is a boolean modifier only in draft-04; read as draft-07 it would be invalid.
        assertThat(JsonSchemaCheck.load(schema, Problem.Check.OPENAPI_SCHEMA).validate(document, "doc.yaml"))
                .singleElement().satisfies(p -> assertThat(p.location()).isEqualTo("$.n"));
    }
}
