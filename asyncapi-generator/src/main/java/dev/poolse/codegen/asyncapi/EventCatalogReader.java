package dev.poolse.codegen.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads channels, operations and messages into the event catalogue: per channel (topic), the
 * application events the server sends ({@code receive} operations) and the client pushes
 * ({@code send} operations), each with its payload type. Messages tagged {@value #SYSTEM_TAG} are
 * Phoenix system frames and stay out of the catalogue; channels left with no event are skipped.
 */
final class EventCatalogReader {

    /** The tag name that marks Phoenix system messages (join, reply, heartbeat, ...). */
    static final String SYSTEM_TAG = "phoenix-system";

    private static final Pattern CHANNEL = Pattern.compile("^/channels/([^/]+)$");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("^/channels/([^/]+)/messages/([^/]+)$");

    /**
     * One event.
     *
     * @param name the event name on the wire, e.g. {@code message:new}
     * @param constant the Java constant name, e.g. {@code MESSAGE_NEW}
     * @param payload the payload type
     * @param summary the message summary (or title), or null
     */
    record Event(String name, String constant, JavaType payload, String summary) {
    }

    /**
     * One topic (channel) with events.
     *
     * @param className the nested class name, e.g. {@code ConversationTopic}
     * @param address the channel address, e.g. {@code conversation:{conversationId}}
     * @param prefix the address up to its parameter, e.g. {@code conversation:}
     * @param description the channel title and summary, or null
     * @param serverEvents events the server sends, in spec order
     * @param clientEvents events the client pushes, in spec order
     */
    record Topic(String className, String address, String prefix, String description,
            List<Event> serverEvents, List<Event> clientEvents) {
    }

    private final RefResolver resolver;
    private final TypeMapper types;

    EventCatalogReader(RefResolver resolver, TypeMapper types) {
        this.resolver = resolver;
        this.types = types;
    }

    /** Reads every topic with at least one application event, in document order. */
    List<Topic> read() {
        Located root = resolver.root();
        String version = root.node().path("asyncapi").asText("");
        if (!version.startsWith("3.")) {
            throw new AsyncApiGenerationException(resolver.describe(root.child("asyncapi"))
                    + ": expected an AsyncAPI 3.x document, found '" + version + "'");
        }
        Located channels = root.child("channels");
        if (!channels.node().isObject() || channels.node().isEmpty()) {
            throw new AsyncApiGenerationException(resolver.describe(channels) + ": the document has no channels");
        }
        Map<String, Map<String, Set<String>>> actions = readOperations(root.child("operations"), channels);
        List<Topic> topics = new ArrayList<>();
        for (Iterator<String> keys = channels.node().fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            Topic topic = readChannel(key, channels.child(key), actions.getOrDefault(key, Map.of()));
            if (topic != null) {
                topics.add(topic);
            }
        }
        if (topics.isEmpty()) {
            throw new AsyncApiGenerationException(resolver.describe(channels)
                    + ": no channel has an application event (every message is tagged " + SYSTEM_TAG + ")");
        }
        return topics;
    }

    /** Channel key to message id to the actions ({@code send}/{@code receive}) that use it. */
    private Map<String, Map<String, Set<String>>> readOperations(Located operations, Located channels) {
        Map<String, Map<String, Set<String>>> actions = new LinkedHashMap<>();
        if (!operations.node().isObject()) {
            return actions;
        }
        for (Iterator<String> ids = operations.node().fieldNames(); ids.hasNext(); ) {
            Located operation = resolver.deref(operations.child(ids.next()));
            String action = operation.node().path("action").asText("");
            if (!action.equals("send") && !action.equals("receive")) {
                throw new AsyncApiGenerationException(resolver.describe(operation.child("action"))
                        + ": action must be 'send' or 'receive', found '" + action + "'");
            }
            Located channelRef = operation.child("channel");
            if (!channelRef.node().has("$ref")) {
                throw new AsyncApiGenerationException(resolver.describe(channelRef)
                        + ": an operation's channel must be a $ref to #/channels/<name>");
            }
            Located channel = resolver.resolve(channelRef);
            Matcher channelMatch = CHANNEL.matcher(channel.pointer());
            if (resolver.isExternal(channel) || !channelMatch.matches()) {
                throw new AsyncApiGenerationException(resolver.describe(channelRef)
                        + ": an operation's channel must be a $ref to #/channels/<name>");
            }
            String channelKey = unescape(channelMatch.group(1));
            Map<String, Set<String>> byMessage = actions.computeIfAbsent(channelKey, k -> new LinkedHashMap<>());
            Located messages = operation.child("messages");
            if (messages.node().isMissingNode()) {
                // AsyncAPI 3: no 'messages' means every message of the channel.
                channel.node().path("messages").fieldNames().forEachRemaining(
                        id -> byMessage.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(action));
                continue;
            }
            for (int i = 0; i < messages.node().size(); i++) {
                Located messageRef = messages.element(i);
                Located message = messageRef.node().has("$ref") ? resolver.resolve(messageRef) : null;
                Matcher m = message == null ? null : CHANNEL_MESSAGE.matcher(message.pointer());
                if (m == null || resolver.isExternal(message) || !m.matches()
                        || !unescape(m.group(1)).equals(channelKey)) {
                    throw new AsyncApiGenerationException(resolver.describe(messageRef)
                            + ": an operation's messages must be $refs to #/channels/" + channelKey + "/messages/<id>");
                }
                byMessage.computeIfAbsent(unescape(m.group(2)), k -> new LinkedHashSet<>()).add(action);
            }
        }
        return actions;
    }

    private Topic readChannel(String key, Located channel, Map<String, Set<String>> actions) {
        Located messages = channel.child("messages");
        List<Event> server = new ArrayList<>();
        List<Event> client = new ArrayList<>();
        for (Iterator<String> ids = messages.node().fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            Located message = resolver.deref(messages.child(id));
            if (isSystem(message)) {
                continue;
            }
            Set<String> used = actions.getOrDefault(id, Set.of());
            if (used.isEmpty()) {
                throw new AsyncApiGenerationException(resolver.describe(messages.child(id))
                        + ": message is used by no operation, so it is neither a server event nor a client push");
            }
            Event event = readEvent(message);
            if (used.contains("receive")) {
                server.add(event);
            }
            if (used.contains("send")) {
                client.add(event);
            }
        }
        if (server.isEmpty() && client.isEmpty()) {
            return null;
        }
        String address = channel.node().path("address").asText(key);
        int brace = address.indexOf('{');
        if (brace >= 0 && address.indexOf('}') != address.length() - 1) {
            throw new AsyncApiGenerationException(resolver.describe(channel.child("address"))
                    + ": only one parameter, at the end of the address, is supported: " + address);
        }
        String prefix = brace < 0 ? address : address.substring(0, brace);
        String description = join(channel.node().path("title").asText(null), channel.node().path("summary").asText(null));
        return new Topic(JavaNames.typeName(key) + "Topic", address, prefix, description,
                List.copyOf(server), List.copyOf(client));
    }

    private Event readEvent(Located message) {
        String name = message.node().path("name").asText("");
        if (name.isEmpty()) {
            throw new AsyncApiGenerationException(resolver.describe(message)
                    + ": an application message needs 'name', the event name on the wire");
        }
        Located payload = message.child("payload");
        if (payload.node().isMissingNode()) {
            throw new AsyncApiGenerationException(resolver.describe(message) + ": message '" + name + "' has no payload");
        }
        // A Multi Format Schema Object wraps the schema (used for the OpenAPI-format REST schemas).
        Located schema = payload.node().has("schemaFormat") ? payload.child("schema") : payload;
        JavaType type = types.map(schema);
        if (!type.arguments().isEmpty() || type.packageName().startsWith("java.")) {
            throw new AsyncApiGenerationException(resolver.describe(schema) + ": the payload of '" + name
                    + "' must be a named object schema (a $ref), not " + type.simpleName());
        }
        String summary = message.node().path("summary").asText(message.node().path("title").asText(null));
        return new Event(name, JavaNames.constantName(name), type, summary);
    }

    private boolean isSystem(Located message) {
        Located tags = message.child("tags");
        for (int i = 0; i < tags.node().size(); i++) {
            JsonNode tag = resolver.deref(tags.element(i)).node();
            if (SYSTEM_TAG.equals(tag.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ": " + b;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
