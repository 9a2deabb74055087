package dev.poolse.codegen.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps schemas to Java types and collects the named types to generate.
 *
 * <p>Rules: a reference to {@code <other file>#/components/schemas/X} that is an object or an
 * enum maps to the existing model class {@code <modelPackage>.X} and is not generated; a named
 * schema of the root document becomes a record (object with {@code properties}), a map-wrapping
 * record (object with only {@code additionalProperties}) or an enum; everything else maps
 * structurally (uuid, date-time, integer formats, arrays, maps). Inline objects with properties and
 * inline enums are rejected so that every generated class has a stable name chosen in the spec.
 */
final class TypeMapper {

    private static final Pattern NAMED_SCHEMA = Pattern.compile("^/components/schemas/([^/]+)$");

    /** The constant that absorbs enum values this client does not know. */
    static final String UNKNOWN = "UNKNOWN";

    private final RefResolver resolver;
    private final String eventsPackage;
    private final String modelPackage;
    private final SortedMap<String, NamedType> generated = new TreeMap<>();
    /** Java name to the schema that claimed it, also while the type is still being built. */
    private final Map<String, String> claimedBy = new HashMap<>();

    TypeMapper(RefResolver resolver, String eventsPackage, String modelPackage) {
        this.resolver = resolver;
        this.eventsPackage = eventsPackage;
        this.modelPackage = modelPackage;
    }

    /** The named types found so far, sorted by Java name. */
    SortedMap<String, NamedType> generatedTypes() {
        return generated;
    }

    /**
     * The Java type of the schema at {@code schema} (which may be a {@code $ref}).
     *
     * @throws AsyncApiGenerationException naming the place for unsupported constructs
     */
    JavaType map(Located schema) {
        JsonNode node = schema.node();
        if (!node.isObject()) {
            if (node.isBoolean() || node.isMissingNode()) {
                return JavaType.OBJECT;
            }
            throw unsupported(schema, "a schema must be an object");
        }
        if (node.has("$ref")) {
            // deref follows alias chains to the final schema and fails on cycles.
            return mapReference(resolver.deref(schema));
        }
        if (node.has("allOf")) {
            JsonNode allOf = node.get("allOf");
            if (allOf.size() == 1 && !node.has("properties")) {
                return map(schema.child("allOf").element(0));
            }
            throw unsupported(schema, "allOf is supported only as a single-element wrapper (e.g. to add nullable)");
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (node.has(combinator)) {
                List<Located> branches = nonNullBranches(schema.child(combinator));
                if (branches.size() == 1) {
                    return map(branches.get(0));
                }
                throw unsupported(schema, combinator + " is supported only as 'X or null'");
            }
        }
        if (node.has("enum")) {
            throw unsupported(schema, "inline enums have no stable Java name; define the enum under components/schemas");
        }
        String type = effectiveType(schema);
        if (type == null) {
            return JavaType.OBJECT;
        }
        String format = node.path("format").asText("");
        return switch (type) {
            case "string" -> switch (format) {
                case "uuid" -> JavaType.UUID;
                case "date-time" -> JavaType.OFFSET_DATE_TIME;
                case "date" -> JavaType.LOCAL_DATE;
                case "uri" -> JavaType.URI;
                default -> JavaType.STRING;
            };
            // Without a format the server's integers are unbounded in principle: Long is the safe default.
            case "integer" -> "int32".equals(format) ? JavaType.INTEGER : JavaType.LONG;
            case "number" -> switch (format) {
                case "float" -> JavaType.FLOAT;
                case "double" -> JavaType.DOUBLE;
                default -> JavaType.BIG_DECIMAL;
            };
            case "boolean" -> JavaType.BOOLEAN;
            case "array" -> {
                if (!node.path("items").isObject()) {
                    throw unsupported(schema, "an array needs a single 'items' schema");
                }
                yield JavaType.listOf(map(schema.child("items")));
            }
            case "object" -> {
                if (node.path("properties").size() > 0) {
                    throw unsupported(schema, "inline objects with properties have no stable Java name;"
                            + " define the object under components/schemas and $ref it");
                }
                yield JavaType.mapOf(mapValues(schema));
            }
            case "null" -> throw unsupported(schema, "a schema that is always null has no Java type");
            default -> throw unsupported(schema, "unknown type '" + type + "'");
        };
    }

    /**
     * Whether the wire value may be null: {@code type: [X, 'null']}, {@code nullable: true}, a
     * {@code oneOf}/{@code anyOf} with a null branch, or a reference to a nullable schema.
     */
    boolean isNullable(Located schema) {
        JsonNode node = schema.node();
        if (!node.isObject()) {
            return false;
        }
        if (node.path("nullable").asBoolean(false) || typeList(node).contains("null")) {
            return true;
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (node.has(combinator)) {
                for (JsonNode branch : node.get(combinator)) {
                    if (typeList(branch).contains("null") && !branch.has("$ref")) {
                        return true;
                    }
                }
            }
        }
        if (node.has("$ref")) {
            return isNullable(resolver.deref(schema));
        }
        return false;
    }

    /** The description of a schema, looking through a {@code $ref} when it has none of its own. */
    String description(Located schema) {
        JsonNode own = schema.node().get("description");
        if (own != null && own.isTextual()) {
            return own.asText();
        }
        if (schema.node().has("$ref")) {
            return description(resolver.deref(schema));
        }
        if (schema.node().path("allOf").size() == 1) {
            return description(schema.child("allOf").element(0));
        }
        return null;
    }

    private JavaType mapReference(Located target) {
        Matcher named = NAMED_SCHEMA.matcher(target.pointer());
        if (!named.matches() || !target.node().isObject()) {
            return map(target);
        }
        String schemaName = unescape(named.group(1));
        JsonNode node = target.node();
        if (resolver.isExternal(target)) {
            boolean classLike = node.has("properties") || node.has("enum") || node.has("allOf")
                    || node.has("oneOf") || node.has("anyOf");
            return classLike ? JavaType.of(modelPackage, JavaNames.typeName(schemaName)) : map(target);
        }
        if (node.has("enum")) {
            return claim(schemaName, target, () -> buildEnum(schemaName, target));
        }
        if (node.has("properties")) {
            return claim(schemaName, target, () -> buildRecord(schemaName, target));
        }
        if ("object".equals(effectiveType(target)) && node.path("additionalProperties").isObject()) {
            return claim(schemaName, target, () -> new NamedType.MapRecordType(JavaNames.typeName(schemaName),
                    description(target), resolver.describe(target), mapValues(target)));
        }
        return map(target);
    }

    private interface Builder {
        NamedType build();
    }

    private JavaType claim(String schemaName, Located target, Builder builder) {
        String javaName = JavaNames.typeName(schemaName);
        String origin = resolver.describe(target);
        String previous = claimedBy.putIfAbsent(javaName, origin);
        if (previous == null) {
            generated.put(javaName, builder.build());
        } else if (!previous.equals(origin)) {
            throw new AsyncApiGenerationException("schemas " + previous + " and " + origin
                    + " both map to the Java type " + javaName);
        }
        return JavaType.of(eventsPackage, javaName);
    }

    private NamedType buildRecord(String schemaName, Located schema) {
        Set<String> required = new HashSet<>();
        schema.node().path("required").forEach(name -> required.add(name.asText()));
        Located properties = schema.child("properties");
        if (!properties.node().isObject()) {
            throw unsupported(properties, "'properties' must be an object");
        }
        List<NamedType.Field> fields = new ArrayList<>();
        Map<String, String> javaNames = new HashMap<>();
        for (Iterator<String> names = properties.node().fieldNames(); names.hasNext(); ) {
            String jsonName = names.next();
            Located property = properties.child(jsonName);
            String javaName = JavaNames.memberName(jsonName);
            String clash = javaNames.putIfAbsent(javaName, jsonName);
            if (clash != null) {
                throw unsupported(property, "properties '" + clash + "' and '" + jsonName
                        + "' both map to the Java name " + javaName);
            }
            fields.add(new NamedType.Field(jsonName, javaName, map(property), isNullable(property),
                    required.contains(jsonName), description(property)));
        }
        for (String name : required) {
            if (!javaNames.containsValue(name)) {
                throw unsupported(schema, "'required' lists '" + name + "', which is not a property");
            }
        }
        return new NamedType.RecordType(JavaNames.typeName(schemaName), description(schema),
                resolver.describe(schema), List.copyOf(fields));
    }

    private NamedType buildEnum(String schemaName, Located schema) {
        String type = effectiveType(schema);
        if (type != null && !type.equals("string")) {
            throw unsupported(schema, "only string enums are supported, found type '" + type + "'");
        }
        List<NamedType.EnumValue> values = new ArrayList<>();
        Map<String, String> constants = new HashMap<>();
        constants.put(UNKNOWN, "(the unknown-value constant)");
        for (JsonNode value : schema.node().get("enum")) {
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw unsupported(schema, "enum value " + value + " is not a string");
            }
            String constant = JavaNames.constantName(value.asText());
            String clash = constants.putIfAbsent(constant, value.asText());
            if (clash != null) {
                throw unsupported(schema, "enum values '" + clash + "' and '" + value.asText()
                        + "' both map to the constant " + constant);
            }
            values.add(new NamedType.EnumValue(constant, value.asText()));
        }
        if (values.isEmpty()) {
            throw unsupported(schema, "an enum needs at least one value");
        }
        return new NamedType.EnumType(JavaNames.typeName(schemaName), description(schema),
                resolver.describe(schema), List.copyOf(values));
    }

    private JavaType mapValues(Located objectSchema) {
        JsonNode additional = objectSchema.node().get("additionalProperties");
        return additional != null && additional.isObject()
                ? map(objectSchema.child("additionalProperties"))
                : JavaType.OBJECT;
    }

    private List<Located> nonNullBranches(Located branches) {
        List<Located> result = new ArrayList<>();
        for (int i = 0; i < branches.node().size(); i++) {
            Located branch = branches.element(i);
            if (branch.node().has("$ref") || !typeList(branch.node()).equals(List.of("null"))) {
                result.add(branch);
            }
        }
        return result;
    }

    /** The single non-null type, inferred from properties/items when {@code type} is absent. */
    private String effectiveType(Located schema) {
        JsonNode node = schema.node();
        List<String> types = new ArrayList<>(typeList(node));
        types.remove("null");
        if (types.size() > 1) {
            throw unsupported(schema, "a schema may have one non-null type, found " + types);
        }
        if (types.size() == 1) {
            return types.get(0);
        }
        if (typeList(node).contains("null")) {
            return "null";
        }
        if (node.has("properties") || node.has("additionalProperties")) {
            return "object";
        }
        if (node.has("items")) {
            return "array";
        }
        return null;
    }

    private static List<String> typeList(JsonNode node) {
        JsonNode type = node.get("type");
        if (type == null) {
            return List.of();
        }
        if (type.isTextual()) {
            return List.of(type.asText());
        }
        List<String> types = new ArrayList<>();
        type.forEach(t -> types.add(t.asText()));
        return types;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private AsyncApiGenerationException unsupported(Located place, String why) {
        return new AsyncApiGenerationException("Unsupported schema at " + resolver.describe(place) + ": " + why);
    }
}
