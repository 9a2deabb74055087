package dev.poolse.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns JSON Schemas (OpenAPI 3.0 flavour with {@code nullable}, and AsyncAPI 3 / JSON Schema
 * flavour with {@code type: [x, 'null']}) into type labels and field tables, following
 * {@code $ref}s across documents.
 */
final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SpecSet specs;
    private final Markdown markdown;
    private final BiFunction<Path, String, String> linker;

    /**
     * @param linker maps a referenced component (document, JSON pointer) to the href of its
     *     section, or null when the site has no section for it
     */
    Schemas(SpecSet specs, Markdown markdown, BiFunction<Path, String, String> linker) {
        this.specs = specs;
        this.markdown = markdown;
        this.linker = linker;
    }

    /** Pretty JSON of an example value. */
    static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot print example", e);
        }
    }

    /** The HTML type label of {@code schema} as written in {@code doc}: links for references. */
    String typeHtml(Path doc, JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return "<code>any</code>";
        }
        if (schema.has("$ref")) {
            SpecSet.Target target = specs.resolve(doc, schema.get("$ref").asText());
            String href = linker.apply(target.doc(), target.pointer());
            String label = "<code>" + Html.escape(target.name()) + "</code>";
            return href == null ? label : "<a href=\"" + Html.escape(href) + "\">" + label + "</a>";
        }
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            JsonNode parts = schema.get(combiner);
            if (parts != null && parts.isArray() && parts.size() > 0) {
                List<String> labels = new ArrayList<>();
                parts.forEach(p -> labels.add(typeHtml(doc, p)));
                return String.join(combiner.equals("allOf") ? " &amp; " : " | ", labels);
            }
        }
        String type = primaryType(schema);
        if ("array".equals(type)) {
            JsonNode items = schema.get("items");
            if (items != null && items.isArray()) {
                List<String> labels = new ArrayList<>();
                items.forEach(i -> labels.add(typeHtml(doc, i)));
                return "<code>tuple</code> [" + String.join(", ", labels) + "]";
            }
            return "<code>array</code> of " + typeHtml(doc, items);
        }
        if ("object".equals(type) || (type == null && schema.has("properties"))) {
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isObject() && additional.size() > 0
                    && (schema.get("properties") == null || schema.get("properties").isEmpty())) {
                return "<code>map</code> of string to " + typeHtml(doc, additional);
            }
            return "<code>object</code>";
        }
        if (type == null) {
            return "<code>any</code>";
        }
        String format = schema.path("format").asText("");
        return "<code>" + Html.escape(type) + (format.isEmpty() ? "" : " (" + Html.escape(format) + ")") + "</code>";
    }

    /** Whether the schema admits null: {@code nullable: true} or a {@code 'null'} type. */
    static boolean nullable(JsonNode schema) {
        if (schema == null) {
            return false;
        }
        if (schema.path("nullable").asBoolean(false)) {
            return true;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first non-null type of {@code schema}, or null when it declares none. */
    static String primaryType(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    /**
     * The field table of an object schema: one row per property, in document order, with inline
     * nested objects flattened as {@code parent.child}; a map-only object gets one {@code {key}} row.
     */
    List<Views.Field> fields(Path doc, JsonNode schema) {
        List<Views.Field> out = new ArrayList<>();
        collect(doc, schema, "", out, new HashSet<>());
        return out;
    }

    private void collect(Path doc, JsonNode schema, String prefix, List<Views.Field> out, Set<String> visiting) {
        if (schema == null) {
            return;
        }
        SpecSet.Target t = specs.deref(doc, schema);
        JsonNode node = t.node();
        String key = t.doc() + "#" + t.pointer();
        if (!t.pointer().isEmpty() && !visiting.add(key)) {
            return;
        }
        JsonNode allOf = node.get("allOf");
        if (allOf != null && allOf.isArray()) {
            allOf.forEach(part -> collect(t.doc(), part, prefix, out, visiting));
        }
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        JsonNode properties = node.get("properties");
        if (properties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode prop = e.getValue();
                String name = prefix + e.getKey();
                out.add(new Views.Field(name, typeHtml(t.doc(), prop), nullable(prop), required.contains(e.getKey()),
                        markdown.toHtml(prop.path("description").asText(null)), constraintsHtml(prop)));
                if (!prop.has("$ref") && prop.has("properties")) {
                    collect(t.doc(), prop, name + ".", out, visiting);
                } else if (!prop.has("$ref") && "array".equals(primaryType(prop))
                        && prop.path("items").has("properties")) {
                    collect(t.doc(), prop.get("items"), name + "[].", out, visiting);
                }
            }
        }
        JsonNode additional = node.get("additionalProperties");
        if ((properties == null || properties.isEmpty()) && additional != null && additional.isObject()
                && additional.size() > 0) {
            out.add(new Views.Field(prefix + "{key}", typeHtml(t.doc(), additional), nullable(additional), false,
                    markdown.toHtml("One entry per key (any number). " + node.path("description").asText("")),
                    ""));
        }
        visiting.remove(key);
    }

    /** Enum values, bounds, lengths, defaults and constants, as a short HTML note. */
    static String constraintsHtml(JsonNode s) {
        List<String> parts = new ArrayList<>();
        JsonNode values = s.get("enum");
        if (values != null && values.isArray()) {
            List<String> v = new ArrayList<>();
            values.forEach(x -> v.add("<code>" + Html.escape(x.isNull() ? "null" : x.asText()) + "</code>"));
            parts.add("one of " + String.join(", ", v));
        }
        if (s.has("const")) {
            parts.add("always <code>" + Html.escape(s.get("const").asText()) + "</code>");
        }
        bound(parts, s, "minimum", "min ");
        bound(parts, s, "maximum", "max ");
        bound(parts, s, "minLength", "min length ");
        bound(parts, s, "maxLength", "max length ");
        bound(parts, s, "minItems", "min items ");
        bound(parts, s, "maxItems", "max items ");
        if (s.has("default")) {
            parts.add("default <code>" + Html.escape(s.get("default").asText()) + "</code>");
        }
        return String.join("; ", parts);
    }

    private static void bound(List<String> parts, JsonNode s, String key, String label) {
        if (s.has(key)) {
            parts.add(label + Html.escape(s.get(key).asText()));
        }
    }

    /** The named component schemas of {@code doc} as schema sections. */
    List<Views.Schema> components(Path doc, JsonNode schemas, String anchorPrefix) {
        List<Views.Schema> out = new ArrayList<>();
        if (schemas == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            List<String> enumValues = new ArrayList<>();
            s.path("enum").forEach(v -> enumValues.add(v.asText()));
            JsonNode example = s.get("example");
            out.add(new Views.Schema(e.getKey(), anchorPrefix + e.getKey(), typeHtml(doc, s),
                    markdown.toHtml(s.path("description").asText(null)), fields(doc, s), enumValues,
                    example == null ? null : new Views.Example("example", "", json(example))));
        }
        return out;
    }
}
