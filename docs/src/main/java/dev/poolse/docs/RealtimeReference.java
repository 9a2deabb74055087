package dev.poolse.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the realtime reference view from an AsyncAPI 3.0 document: channels, the events of each
 * with their direction (from the operations that use them), payload tables and examples.
 * Payload schemas that live in the OpenAPI document link to the REST reference page.
 */
final class RealtimeReference {

    /** Messages tagged with this name are Phoenix protocol frames, listed apart from app events. */
    static final String SYSTEM_TAG = "phoenix-system";

    private final SpecSet specs;
    private final Markdown markdown;
    private final Path asyncapi;
    private final Schemas schemas;

    /**
     * @param specs where documents are loaded and references resolved
     * @param markdown renders the Markdown of descriptions
     * @param asyncapi the AsyncAPI 3.0 document
     * @param openapi the OpenAPI document its payloads refer to
     * @param restPage the href of the REST reference page, for payloads defined in the OpenAPI document
     */
    RealtimeReference(SpecSet specs, Markdown markdown, Path asyncapi, Path openapi, String restPage) {
        this.specs = specs;
        this.markdown = markdown;
        this.asyncapi = asyncapi.toAbsolutePath().normalize();
        Path rest = openapi.toAbsolutePath().normalize();
        this.schemas = new Schemas(specs, markdown, (doc, pointer) -> {
            if (!pointer.startsWith("/components/schemas/")) {
                return null;
            }
            String name = pointer.substring("/components/schemas/".length());
            if (doc.equals(this.asyncapi)) {
                return "#schema-" + name;
            }
            return doc.equals(rest) ? restPage + "#schema-" + name : null;
        });
    }

    /** The page anchor of message {@code messageKey} of channel {@code channelKey}. */
    static String eventAnchor(String channelKey, String messageKey) {
        return "ev-" + channelKey + "-" + messageKey;
    }

    /**
     * Reads the document and builds the page model.
     *
     * @throws IllegalArgumentException when a {@code $ref} resolves to nothing
     */
    Views.RealtimePage build() {
        JsonNode root = specs.load(asyncapi);
        JsonNode info = root.path("info");
        JsonNode components = root.path("components");

        List<Views.Server> servers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("servers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            servers.add(new Views.Server(e.getKey(),
                    s.path("protocol").asText("") + "://" + s.path("host").asText("") + s.path("pathname").asText(""),
                    s.path("title").asText(e.getKey()), markdown.toHtml(s.path("description").asText(null)),
                    securityRefs(s.path("security"))));
        }

        List<Views.Auth> auth = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = components.path("securitySchemes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            auth.add(new Views.Auth(e.getKey(), "auth-" + e.getKey(), RestReference.schemeSummary(e.getValue()),
                    markdown.toHtml(e.getValue().path("description").asText(null))));
        }

        Map<String, Set<String>> directions = new LinkedHashMap<>();
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("operations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode op = e.getValue();
            String action = op.path("action").asText();
            String reverse = "send".equals(action) ? "receive" : "send";
            for (JsonNode m : op.path("messages")) {
                record(directions, operations, m, action, e.getKey());
            }
            for (JsonNode m : op.path("reply").path("messages")) {
                record(directions, operations, m, reverse, e.getKey() + " (reply)");
            }
        }

        List<Views.Field> connectQuery = new ArrayList<>();
        List<Views.Channel> channels = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("channels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode ch = specs.deref(asyncapi, e.getValue()).node();
            if (connectQuery.isEmpty() && ch.has("bindings")) {
                SpecSet.Target b = specs.deref(asyncapi, ch.get("bindings"));
                JsonNode query = b.node().path("ws").path("query");
                if (!query.isMissingNode()) {
                    connectQuery.addAll(schemas.fields(b.doc(), query));
                }
            }
            List<Views.Param> params = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> p = ch.path("parameters").fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> pe = p.next();
                JsonNode param = specs.deref(asyncapi, pe.getValue()).node();
                params.add(new Views.Param(pe.getKey(), "address", "<code>string</code>", true,
                        markdown.toHtml(param.path("description").asText(null)), "",
                        param.path("examples").path(0).asText("")));
            }
            List<Views.Event> events = new ArrayList<>();
            List<Views.Event> system = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> m = ch.path("messages").fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> me = m.next();
                String ref = "#/channels/" + key + "/messages/" + me.getKey();
                Views.Event event = event(key, me.getKey(), me.getValue(),
                        directions.getOrDefault(ref, Set.of()), operations.getOrDefault(ref, Set.of()));
                (event.tags().contains(SYSTEM_TAG) ? system : events).add(event);
            }
            channels.add(new Views.Channel(key, "ch-" + key, ch.path("address").asText(key),
                    ch.path("title").asText(key), ch.path("summary").asText(""),
                    markdown.toHtml(ch.path("description").asText(null)), params, events, system));
        }

        return new Views.RealtimePage(info.path("title").asText("Realtime API"), info.path("version").asText(""),
                markdown.toHtml(info.path("description").asText(null)), servers, connectQuery, auth, channels,
                schemas.components(asyncapi, components.get("schemas"), "schema-"));
    }

    private static void record(Map<String, Set<String>> directions, Map<String, Set<String>> operations,
                               JsonNode messageRef, String action, String operationId) {
        String ref = messageRef.path("$ref").asText();
        directions.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(action);
        operations.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(operationId);
    }

    private Views.Event event(String channelKey, String messageKey, JsonNode raw, Set<String> actions,
                              Set<String> operationIds) {
        SpecSet.Target t = specs.deref(asyncapi, raw);
        JsonNode msg = t.node();
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : msg.path("tags")) {
            tags.add(specs.deref(t.doc(), tag).node().path("name").asText());
        }
        // A multi-format schema object wraps the schema; a plain payload is the schema itself.
        JsonNode payload = msg.path("payload");
        JsonNode schema = payload.has("schemaFormat") || (payload.has("schema") && !payload.has("type"))
                ? payload.get("schema") : payload;
        List<Views.Example> examples = new ArrayList<>();
        for (JsonNode ex : msg.path("examples")) {
            examples.add(new Views.Example(ex.path("name").asText("example"), ex.path("summary").asText(""),
                    Schemas.json(ex.path("payload"))));
        }
        String direction;
        String directionClass;
        if (actions.contains("send") && actions.contains("receive")) {
            direction = "both directions";
            directionClass = "d-both";
        } else if (actions.contains("send")) {
            direction = "client \u2192 server";
            directionClass = "d-send";
        } else if (actions.contains("receive")) {
            direction = "server \u2192 client";
            directionClass = "d-receive";
        } else {
            direction = "not used by any operation";
            directionClass = "d-none";
        }
        return new Views.Event(eventAnchor(channelKey, messageKey), msg.path("name").asText(messageKey),
                msg.path("title").asText(""), direction, directionClass, new ArrayList<>(operationIds),
                msg.path("summary").asText(""), markdown.toHtml(msg.path("description").asText(null)),
                schemas.typeHtml(t.doc(), schema), schemas.fields(t.doc(), schema), examples, tags);
    }

    private static List<Views.AuthRef> securityRefs(JsonNode security) {
        List<Views.AuthRef> out = new ArrayList<>();
        for (JsonNode s : security) {
            String ref = s.path("$ref").asText("");
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (!name.isEmpty()) {
                out.add(new Views.AuthRef(name, "auth-" + name, ""));
            }
        }
        return out;
    }
}
