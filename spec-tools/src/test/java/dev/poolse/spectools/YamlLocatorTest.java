package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping of tree paths back to YAML lines. */
class YamlLocatorTest {

    private static final String YAML = """
            openapi: 3.0.3
            paths:
              /v1/me:
                get:
                  parameters:
                    - name: a
                      in: query
                    - name: b
                      in: header
            """;

    private final YamlLocator locator = YamlLocator.index(YAML);

    @Test
    void findsTheLineOfAKey() {
        assertThat(locator.lineOf(List.of("paths", "/v1/me", "get"))).isEqualTo(4);
    }

    @Test
    void findsTheLineOfAnArrayElementAndItsKeys() {
        assertThat(locator.lineOf(List.of("paths", "/v1/me", "get", "parameters", "1"))).isEqualTo(8);
        assertThat(locator.lineOf(List.of("paths", "/v1/me", "get", "parameters", "1", "in"))).isEqualTo(9);
    }

    @Test
    void fallsBackToTheNearestKnownAncestor() {
        assertThat(locator.lineOf(List.of("paths", "/v1/me", "get", "descripton"))).isEqualTo(4);
    }

    @Test
    void malformedYamlKnowsNoLines() {
        assertThat(YamlLocator.index("a: [unclosed\n").lineOf(List.of("a"))).isZero();
    }
}
