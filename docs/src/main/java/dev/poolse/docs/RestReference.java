package dev.poolse.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the REST reference view from an OpenAPI 3.0 document. */
final class RestReference {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head", "options");

    private final SpecSet specs;
    private final Markdown markdown;
    private final Path openapi;
    private final Schemas schemas;

    /**
     * @param specs where documents are loaded and references resolved
     * @param markdown renders the Markdown of descriptions
     * @param openapi the OpenAPI 3.0 document
     */
    RestReference(SpecSet specs, Markdown markdown, Path openapi) {
        this.specs = specs;
        this.markdown = markdown;
        this.openapi = openapi.toAbsolutePath().normalize();
        // Component schemas of this document have a section on this page; nothing else does.
        this.schemas = new Schemas(specs, markdown, (doc, pointer) ->
                doc.equals(this.openapi) && pointer.startsWith("/components/schemas/")
                        ? "#schema-" + pointer.substring("/components/schemas/".length())
                        : null);
    }

    /** The page anchor of operation {@code operationId}. */
    static String operationAnchor(String operationId) {
        return "op-" + operationId;
    }

    /**
     * Reads the document and builds the page model.
     *
     * @throws IllegalArgumentException when a {@code $ref} resolves to nothing
     */
    Views.RestPage build() {
        JsonNode root = specs.load(openapi);
        JsonNode info = root.path("info");

        List<Views.Server> servers = new ArrayList<>();
        root.path("servers").forEach(s -> servers.add(new Views.Server(s.path("description").asText(""),
                s.path("url").asText(), s.path("description").asText(""), "", List.of())));

        List<Views.Auth> auth = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("components").path("securitySchemes").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            auth.add(new Views.Auth(e.getKey(), "auth-" + e.getKey(), schemeSummary(e.getValue()),
                    markdown.toHtml(e.getValue().path("description").asText(null))));
        }

        Map<String, List<Views.Operation>> byTag = new LinkedHashMap<>();
        Map<String, String> tagDescriptions = new LinkedHashMap<>();
        root.path("tags").forEach(t -> {
            byTag.put(t.path("name").asText(), new ArrayList<>());
            tagDescriptions.put(t.path("name").asText(), t.path("description").asText(null));
        });
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            JsonNode item = p.getValue();
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op == null) {
                    continue;
                }
                String tag = op.path("tags").path(0).asText("Other");
                byTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(operation(root, p.getKey(), method, item, op));
            }
        }
        List<Views.Tag> tags = new ArrayList<>();
        byTag.forEach((name, ops) -> {
            if (!ops.isEmpty()) {
                tags.add(new Views.Tag(name, "tag-" + Markdown.slug(name),
                        markdown.toHtml(tagDescriptions.get(name)), ops));
            }
        });

        return new Views.RestPage(info.path("title").asText("REST API"), info.path("version").asText(""),
                markdown.toHtml(info.path("description").asText(null)), servers, auth, tags,
                schemas.components(openapi, root.path("components").get("schemas"), "schema-"));
    }

    private Views.Operation operation(JsonNode root, String path, String method, JsonNode item, JsonNode op) {
        String id = op.path("operationId").asText(method + path.replaceAll("[^A-Za-z0-9]+", "-"));

        Map<String, Views.Param> params = new LinkedHashMap<>();
        for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
            for (JsonNode raw : list) {
                SpecSet.Target t = specs.deref(openapi, raw);
                JsonNode p = t.node();
                JsonNode schema = p.get("schema");
                params.put(p.path("in").asText() + ":" + p.path("name").asText(), new Views.Param(
                        p.path("name").asText(), p.path("in").asText(), schemas.typeHtml(t.doc(), schema),
                        p.path("required").asBoolean(false), markdown.toHtml(p.path("description").asText(null)),
                        schema == null ? "" : Schemas.constraintsHtml(schema),
                        p.has("example") ? p.get("example").asText() : ""));
            }
        }

        JsonNode security = op.has("security") ? op.get("security") : root.path("security");
        List<Views.AuthRef> auth = new ArrayList<>();
        JsonNode schemes = root.path("components").path("securitySchemes");
        for (JsonNode requirement : security) {
            requirement.fieldNames().forEachRemaining(name ->
                    auth.add(new Views.AuthRef(name, "auth-" + name, schemeSummary(schemes.path(name)))));
        }

        Views.Body body = null;
        if (op.has("requestBody")) {
            SpecSet.Target t = specs.deref(openapi, op.get("requestBody"));
            Map.Entry<String, JsonNode> media = firstMedia(t.node());
            if (media != null) {
                JsonNode schema = media.getValue().get("schema");
                body = new Views.Body(media.getKey(), t.node().path("required").asBoolean(false),
                        schemas.typeHtml(t.doc(), schema), schemas.fields(t.doc(), schema),
                        examples(t.doc(), media.getValue()));
            }
        }

        List<Views.Response> responses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SpecSet.Target t = specs.deref(openapi, e.getValue());
            JsonNode r = t.node();
            List<Views.Header> headers = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> h = r.path("headers").fields(); h.hasNext(); ) {
                Map.Entry<String, JsonNode> he = h.next();
                SpecSet.Target ht = specs.deref(t.doc(), he.getValue());
                headers.add(new Views.Header(he.getKey(), schemas.typeHtml(ht.doc(), ht.node().get("schema")),
                        markdown.toHtml(ht.node().path("description").asText(null))));
            }
            Map.Entry<String, JsonNode> media = firstMedia(r);
            responses.add(new Views.Response(e.getKey(), statusClass(e.getKey()),
                    markdown.toHtml(r.path("description").asText(null)), media == null ? "" : media.getKey(),
                    media == null ? "" : schemas.typeHtml(t.doc(), media.getValue().get("schema")), headers,
                    media == null ? List.of() : examples(t.doc(), media.getValue())));
        }
        responses.sort(Comparator.comparing(r -> r.status().equals("default") ? "999" : r.status()));

        return new Views.Operation(id, operationAnchor(id), method.toUpperCase(java.util.Locale.ROOT),
                "m-" + method, path, op.path("summary").asText(""),
                markdown.toHtml(op.path("description").asText(null)), auth, new ArrayList<>(params.values()), body,
                responses);
    }

    private static Map.Entry<String, JsonNode> firstMedia(JsonNode holder) {
        Iterator<Map.Entry<String, JsonNode>> it = holder.path("content").fields();
        return it.hasNext() ? it.next() : null;
    }

    /** The {@code examples} map (each possibly a $ref) or the single {@code example} of a media type. */
    private List<Views.Example> examples(Path doc, JsonNode media) {
        List<Views.Example> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = media.path("examples").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ex = specs.deref(doc, e.getValue()).node();
            out.add(new Views.Example(e.getKey(), ex.path("summary").asText(""), Schemas.json(ex.get("value"))));
        }
        if (out.isEmpty() && media.has("example")) {
            out.add(new Views.Example("example", "", Schemas.json(media.get("example"))));
        }
        return out;
    }

    private static String statusClass(String status) {
        return status.startsWith("2") ? "s-ok" : status.startsWith("3") ? "s-redirect" : "s-error";
    }

    /** A one-line label of a security scheme, e.g. "HTTP bearer (JWT)". */
    static String schemeSummary(JsonNode scheme) {
        String type = scheme.path("type").asText("");
        if ("http".equals(type)) {
            String format = scheme.path("bearerFormat").asText("");
            return "HTTP " + scheme.path("scheme").asText("") + (format.isEmpty() ? "" : " (" + format + ")");
        }
        if ("httpApiKey".equals(type) || "apiKey".equals(type)) {
            return "API key in " + scheme.path("in").asText("") + " parameter " + scheme.path("name").asText("");
        }
        return type;
    }
}
