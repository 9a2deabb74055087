package dev.poolse.spectools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validates a YAML document against one of the official JSON Schemas kept in the repository.
 *
 * <p>Schemas load offline: the factory refuses to fetch anything, so a schema that is not
 * self-contained fails loudly instead of reaching for the network during a build.
 */
final class JsonSchemaCheck {

    /** An object without {@code $ref} is no Reference Object, so that branch's errors are noise. */
    private static final String REFERENCE_DEFINITION = "/definitions/Reference";

    private final JsonSchema schema;
    private final Problem.Check check;

    private JsonSchemaCheck(JsonSchema schema, Problem.Check check) {
        this.schema = schema;
        this.check = check;
    }

    /**
     * Loads a JSON Schema file; its draft is read from its {@code $schema} keyword.
     *
     * @param schemaFile the schema
     * @param check      the check its problems are reported under
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws UncheckedIOException if the file cannot be read or is not JSON
     */
    static JsonSchemaCheck load(Path schemaFile, Problem.Check check) {
        Objects.requireNonNull(schemaFile, "schemaFile");
        Objects.requireNonNull(check, "check");
        JsonNode schemaNode;
        try {
            schemaNode = new ObjectMapper().readTree(schemaFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON Schema " + schemaFile, e);
        }
        SpecVersion.VersionFlag draft = SpecVersionDetector.detect(schemaNode);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(draft, builder -> builder
                .metaSchema(withAnnotations(draft))
                .schemaLoaders(loaders -> loaders.values(list -> list.add(0, DisallowSchemaLoader.getInstance()))));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                // Report every problem in one run, not just the first.
                .failFast(false)
                .build();
        JsonSchema schema = factory.getSchema(
                SchemaLocation.of(schemaFile.toAbsolutePath().toUri().toString()), schemaNode, config);
        schema.initializeValidators();
        return new JsonSchemaCheck(schema, check);
    }

    /**
     * Validates one YAML file.
     *
     * @param yamlFile the document
     * @param display  how to name the file in problems
     * @return the problems, sorted by line; empty when the document is valid
     * @throws NullPointerException if an argument is null
     */
    List<Problem> validate(Path yamlFile, String display) {
        Objects.requireNonNull(yamlFile, "yamlFile");
        Objects.requireNonNull(display, "display");
        String text;
        try {
            text = Files.readString(yamlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(new Problem(Problem.Check.INPUT, display, 0, "", "cannot read: " + e));
        }
        JsonNode document;
        try {
            document = yamlMapper().readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return List.of(new Problem(Problem.Check.INPUT, display, Math.max(line, 0), "",
                    "not valid YAML: " + e.getOriginalMessage()));
        }
        if (document == null || !document.isObject()) {
            return List.of(new Problem(Problem.Check.INPUT, display, 0, "", "the document is not a YAML mapping"));
        }
        YamlLocator locator = YamlLocator.index(text);
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage message : relevant(schema.validate(document), document)) {
            List<String> segments = segments(message.getInstanceLocation());
            List<String> withProperty = new ArrayList<>(segments);
            if (message.getProperty() != null && "additionalProperties".equals(message.getType())) {
                // Point at the offending key itself rather than at the object holding it.
                withProperty.add(message.getProperty());
            }
            problems.add(new Problem(check, display, locator.lineOf(withProperty),
                    message.getInstanceLocation().toString(), message.getError()));
        }
        problems.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::location));
        return problems;
    }

    /**
     * The draft's meta-schema plus {@code example}, which the AsyncAPI schema uses as an annotation
     * but draft-07 does not define; declared here so the validator does not warn about it.
     */
    private static JsonMetaSchema withAnnotations(SpecVersion.VersionFlag draft) {
        JsonMetaSchema base = switch (draft) {
            case V4 -> JsonMetaSchema.getV4();
            case V6 -> JsonMetaSchema.getV6();
            case V7 -> JsonMetaSchema.getV7();
            case V201909 -> JsonMetaSchema.getV201909();
            case V202012 -> JsonMetaSchema.getV202012();
        };
        return JsonMetaSchema.builder(base).keyword(new NonValidationKeyword("example")).build();
    }

    /** Strict about duplicate keys: YAML keeps the last one silently, which hides a spec mistake. */
    private static ObjectMapper yamlMapper() {
        return YAMLMapper.builder(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Drops the messages that only restate a deeper one. Both specs model "Schema or Reference"
     * (and similar) with {@code oneOf}: a typo inside a Schema Object then yields the real error,
     * a "{@code $ref} is required" error from the Reference branch, and a "matches none of oneOf"
     * summary. Only the first one helps a reader.
     */
    private static List<ValidationMessage> relevant(Set<ValidationMessage> messages, JsonNode document) {
        List<ValidationMessage> kept = new ArrayList<>();
        for (ValidationMessage m : messages) {
            if (isReferenceBranchNoise(m, document)) {
                continue;
            }
            kept.add(m);
        }
        List<ValidationMessage> result = new ArrayList<>();
        for (ValidationMessage m : kept) {
            boolean summary = "oneOf".equals(m.getType()) || "anyOf".equals(m.getType());
            if (summary && kept.stream().anyMatch(other -> other != m
                    && !"oneOf".equals(other.getType()) && !"anyOf".equals(other.getType())
                    && other.getInstanceLocation().startsWith(m.getInstanceLocation()))) {
                continue;
            }
            result.add(m);
        }
        // Everything was noise (e.g. a broken $ref object): keep the originals rather than nothing.
        return result.isEmpty() ? List.copyOf(messages) : result;
    }

    private static boolean isReferenceBranchNoise(ValidationMessage m, JsonNode document) {
        String schemaLocation = String.valueOf(m.getSchemaLocation());
        if (!schemaLocation.contains(REFERENCE_DEFINITION)) {
            return false;
        }
        JsonNode instance = document.at(pointer(segments(m.getInstanceLocation())));
        return !(instance.isObject() && instance.has("$ref"));
    }

    private static List<String> segments(JsonNodePath path) {
        List<String> segments = new ArrayList<>(path.getNameCount());
        for (int i = 0; i < path.getNameCount(); i++) {
            segments.add(String.valueOf(path.getElement(i)));
        }
        return segments;
    }

    private static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }
}
