package dev.poolse.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration processor ran: IDEs can complete and describe every poolse.* property. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribedInTheGeneratedMetadata() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the classpath").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> described = new ArrayList<>();
        metadata.path("properties").forEach(p -> {
            if (!p.path("description").asText().isBlank()) {
                described.add(p.path("name").asText());
            }
        });
        assertThat(described).contains("poolse.api-url", "poolse.api-key", "poolse.max-retries", "poolse.timeout",
                "poolse.attempt-timeout", "poolse.service-account.external-id", "poolse.dev-server.enabled");
    }
}
