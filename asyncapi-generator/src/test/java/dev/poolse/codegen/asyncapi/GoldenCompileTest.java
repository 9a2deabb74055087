package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the golden output and checks the behaviour of the generated enum and map record. */
class GoldenCompileTest {

    private static final String EVENTS = TestPaths.GOLDEN_EVENTS_PACKAGE + ".";

    @TempDir
    static Path work;

    private static URLClassLoader loader;

    @BeforeAll
    static void compile() throws IOException {
        loader = GeneratedSources.compile(AsyncApiGenerator.render(TestPaths.golden(work.resolve("out"))),
                TestPaths.GOLDEN_MODEL_PACKAGE, work);
    }

    @AfterAll
    static void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void unknownEnumValueReadsAsUnknown() throws Exception {
        Class<?> kind = loader.loadClass(EVENTS + "ChangeKind");
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

        assertThat(mapper.readValue("\"merged\"", kind)).hasToString("UNKNOWN");
    }

    @Test
    void knownEnumValueReadsAndWritesItsWireValue() throws Exception {
        Class<?> kind = loader.loadClass(EVENTS + "ChangeKind");
        ObjectMapper mapper = new ObjectMapper();

        Object value = mapper.readValue("\"colour-changed\"", kind);

        assertThat(value).hasToString("COLOUR_CHANGED");
        assertThat(kind.getMethod("value").invoke(value)).isEqualTo("colour-changed");
        assertThat(mapper.writeValueAsString(value)).isEqualTo("\"colour-changed\"");
    }

    @Test
    void mapRecordReadsTheBareObject() throws Exception {
        Class<?> roster = loader.loadClass(EVENTS + "Roster");

        Object value = new ObjectMapper().readValue("{\"a\":{\"names\":[\"x\"]}}", roster);

        Map<?, ?> entries = (Map<?, ?>) roster.getMethod("entries").invoke(value);
        assertThat(entries.get("a")).hasToString("RosterEntry[names=[x]]");
    }

    @Test
    void keywordPropertyReadsUnderItsWireName() throws Exception {
        Class<?> event = loader.loadClass(EVENTS + "WidgetChangedEvent");

        Object value = new ObjectMapper().readValue("{\"class\":\"gold\"}", event);

        assertThat(event.getMethod("class_").invoke(value)).isEqualTo("gold");
    }
}
