package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URLClassLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generator over the project's real {@code spec/asyncapi.yaml} (which references
 * {@code spec/openapi.yaml}), compiles the result and checks it against what the SDK relies on and
 * against the spec's own examples.
 */
class RealSpecTest {

    private static final String EVENTS = "dev.poolse.client.events.";

    @TempDir
    static Path work;

    private static SortedMap<String, String> sources;
    private static URLClassLoader loader;
    private static ObjectMapper mapper;

    @BeforeAll
    static void generateAndCompile() throws IOException {
        assertThat(Path.of("..", "spec", "openapi.yaml")).as("the REST spec the events reference").isRegularFile();
        sources = AsyncApiGenerator.render(TestPaths.real(work.resolve("out")));
        loader = GeneratedSources.compile(sources, "dev.poolse.client.model", work);
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
    }

    @AfterAll
    static void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void generatesTheEventTypesTheSdkReliesOnAndNothingElse() {
        assertThat(sources.keySet()).containsExactly(
                "dev/poolse/client/events/CallAnswerPush.java",
                "dev/poolse/client/events/CallCancelledEvent.java",
                "dev/poolse/client/events/CallEndReason.java",
                "dev/poolse/client/events/CallIncomingEvent.java",
                "dev/poolse/client/events/CallInvitePush.java",
                "dev/poolse/client/events/CallPartyEvent.java",
                "dev/poolse/client/events/CallRefPush.java",
                "dev/poolse/client/events/ConversationUpdatedEvent.java",
                "dev/poolse/client/events/EventCatalog.java",
                "dev/poolse/client/events/MemberReadEvent.java",
                "dev/poolse/client/events/MentionEvent.java",
                "dev/poolse/client/events/MessageDeletedEvent.java",
                "dev/poolse/client/events/PresenceDiff.java",
                "dev/poolse/client/events/PresenceEntry.java",
                "dev/poolse/client/events/PresenceMeta.java",
                "dev/poolse/client/events/PresenceState.java",
                "dev/poolse/client/events/ReactionEvent.java",
                "dev/poolse/client/events/TypingEvent.java",
                "dev/poolse/client/events/TypingPush.java",
                "dev/poolse/client/events/VoiceErrorEvent.java",
                "dev/poolse/client/events/VoiceJoinPush.java",
                "dev/poolse/client/events/VoiceLeavePush.java",
                "dev/poolse/client/events/VoiceMuteEvent.java",
                "dev/poolse/client/events/VoiceMutePush.java",
                "dev/poolse/client/events/VoicePresenceEntry.java",
                "dev/poolse/client/events/VoicePresenceMeta.java",
                "dev/poolse/client/events/VoicePresenceState.java",
                "dev/poolse/client/events/VoiceSignalEvent.java",
                "dev/poolse/client/events/VoiceSignalPush.java",
                "dev/poolse/client/events/VoiceSignalType.java",
                "dev/poolse/client/events/VoiceSpeakerEvent.java",
                "dev/poolse/client/events/VoiceSpeakerPush.java",
                "dev/poolse/client/events/VoiceUserEvent.java");
    }

    @Test
    void recordComponentsHaveTheNamesAndTypesTheSdkUses() throws ClassNotFoundException {
        assertThat(components("MessageDeletedEvent")).containsExactly(
                "UUID id", "UUID conversationId", "OffsetDateTime deletedAt", "Long revision");
        assertThat(components("ReactionEvent")).containsExactly(
                "UUID messageId", "UUID conversationId", "String emoji", "UUID userId", "Long revision");
        assertThat(components("MemberReadEvent")).containsExactly(
                "UUID userId", "UUID conversationId", "UUID lastReadMessageId", "OffsetDateTime lastReadAt",
                "Long revision");
        assertThat(components("TypingEvent")).containsExactly("UUID userId", "String externalId");
        assertThat(components("PresenceMeta")).containsExactly(
                "String phxRef", "OffsetDateTime onlineAt", "String externalId");
        assertThat(components("PresenceEntry")).containsExactly("List metas");
        assertThat(components("PresenceState")).containsExactly("Map entries");
        assertThat(components("PresenceDiff")).containsExactly("Map joins", "Map leaves");
        assertThat(components("MentionEvent")).containsExactly("UUID messageId", "UUID conversationId", "UUID senderId");
        assertThat(components("ConversationUpdatedEvent")).containsExactly("Conversation conversation", "UUID byUserId");
        assertThat(components("TypingPush")).isEmpty();
    }

    @Test
    void conversationTopicListsItsServerEventsInSpecOrderWithPayloadTypes() throws ReflectiveOperationException {
        Class<?> topic = loader.loadClass(EVENTS + "EventCatalog$ConversationTopic");

        assertThat(topic.getField("TOPIC_PREFIX").get(null)).isEqualTo("conversation:");
        assertThat(topic.getField("MESSAGE_NEW").get(null)).isEqualTo("message:new");
        assertThat(topic.getField("PRESENCE_STATE").get(null)).isEqualTo("presence_state");
        assertThat(simpleNames(topic, "SERVER_EVENTS")).containsExactly(
                entry("message:new", "Message"),
                entry("message:updated", "Message"),
                entry("message:deleted", "MessageDeletedEvent"),
                entry("reaction:added", "ReactionEvent"),
                entry("reaction:removed", "ReactionEvent"),
                entry("member:read", "MemberReadEvent"),
                entry("typing:start", "TypingEvent"),
                entry("typing:stop", "TypingEvent"),
                entry("presence_state", "PresenceState"),
                entry("presence_diff", "PresenceDiff"));
        assertThat(simpleNames(topic, "CLIENT_EVENTS")).containsExactly(entry("typing", "TypingPush"));
    }

    @Test
    void userTopicListsItsServerEventsAndCallPushes() throws ReflectiveOperationException {
        Class<?> topic = loader.loadClass(EVENTS + "EventCatalog$UserTopic");

        assertThat(topic.getField("TOPIC_PREFIX").get(null)).isEqualTo("user:");
        assertThat(simpleNames(topic, "SERVER_EVENTS")).containsExactly(
                entry("mention:new", "MentionEvent"),
                entry("conversation:created", "Conversation"),
                entry("conversation:updated", "ConversationUpdatedEvent"),
                entry("call:incoming", "CallIncomingEvent"),
                entry("call:accepted", "CallPartyEvent"),
                entry("call:declined", "CallPartyEvent"),
                entry("call:busy", "CallPartyEvent"),
                entry("call:cancelled", "CallCancelledEvent"),
                entry("call:ended", "CallPartyEvent"));
        assertThat(simpleNames(topic, "CLIENT_EVENTS")).containsExactly(
                entry("call:invite", "CallInvitePush"),
                entry("call:accept", "CallAnswerPush"),
                entry("call:decline", "CallAnswerPush"),
                entry("call:busy", "CallAnswerPush"),
                entry("call:cancel", "CallRefPush"),
                entry("call:hangup", "CallRefPush"));
    }

    @Test
    void voiceTopicListsItsEventsAndPushes() throws ReflectiveOperationException {
        Class<?> topic = loader.loadClass(EVENTS + "EventCatalog$VoiceTopic");

        assertThat(topic.getField("TOPIC_PREFIX").get(null)).isEqualTo("voice:conversation:");
        assertThat(simpleNames(topic, "SERVER_EVENTS")).containsExactly(
                entry("voice:joined", "VoiceUserEvent"),
                entry("voice:presence_state", "VoicePresenceState"),
                entry("voice:left", "VoiceUserEvent"),
                entry("voice:mute", "VoiceMuteEvent"),
                entry("voice:active_speaker", "VoiceSpeakerEvent"),
                entry("voice:signal", "VoiceSignalEvent"),
                entry("voice:error", "VoiceErrorEvent"));
        assertThat(simpleNames(topic, "CLIENT_EVENTS")).containsExactly(
                entry("voice:join", "VoiceJoinPush"),
                entry("voice:leave", "VoiceLeavePush"),
                entry("voice:mute", "VoiceMutePush"),
                entry("voice:unmute", "VoiceMutePush"),
                entry("voice:active_speaker", "VoiceSpeakerPush"),
                entry("voice:signal", "VoiceSignalPush"));
    }

    @Test
    void catalogueMapsAreUnmodifiable() throws ReflectiveOperationException {
        Map<String, Class<?>> events = catalogue("ConversationTopic", "SERVER_EVENTS");

        assertThat(events.getClass().getName()).contains("Unmodifiable");
    }

    @Test
    void everyApplicationMessageExampleRoundTripsThroughItsGeneratedType() throws Exception {
        // One event name may carry a client push and a server event with different payloads
        // (call:busy, voice:mute), so each message is checked against the type of its own schema.
        Map<String, Class<?>> byEvent = new LinkedHashMap<>();
        Map<String, Class<?>> byType = new LinkedHashMap<>();
        for (String topic : List.of("ConversationTopic", "UserTopic", "VoiceTopic")) {
            for (String field : List.of("SERVER_EVENTS", "CLIENT_EVENTS")) {
                catalogue(topic, field).forEach((event, type) -> {
                    byEvent.put(event, type);
                    byType.put(type.getSimpleName(), type);
                });
            }
        }
        JsonNode components = new YAMLMapper().readTree(TestPaths.REAL_SPEC.toFile()).path("components");
        List<String> checked = new ArrayList<>();
        for (JsonNode message : components.path("messages")) {
            if (isSystem(message, components)) {
                continue;
            }
            String event = message.path("name").asText();
            assertThat(byEvent).as("catalogue entry for %s", event).containsKey(event);
            assertThat(message.path("examples")).as("examples of %s", event).isNotEmpty();
            String ref = message.path("payload").path("$ref").asText(
                    message.path("payload").path("schema").path("$ref").asText());
            Class<?> type = byType.get(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(type).as("generated type of %s", ref).isNotNull();
            for (JsonNode example : message.path("examples")) {
                JsonNode payload = example.path("payload");
                Object value = mapper.treeToValue(payload, type);
                JsonNode back = mapper.valueToTree(value);
                assertThat(withoutNulls(back)).as("%s example %s", event, example.path("name").asText())
                        .isEqualTo(withoutNulls(payload));
                checked.add(event);
            }
        }
        assertThat(checked).containsAll(byEvent.keySet());
    }

    @Test
    void everyMessageOfTheSpecHasAnExampleAndAnOperation() throws IOException {
        JsonNode spec = new YAMLMapper().readTree(TestPaths.REAL_SPEC.toFile());
        List<String> used = new ArrayList<>();
        for (JsonNode operation : spec.path("operations")) {
            operation.path("messages").forEach(m -> used.add(m.path("$ref").asText()));
            operation.path("reply").path("messages").forEach(m -> used.add(m.path("$ref").asText()));
        }
        List<String> problems = new ArrayList<>();
        spec.path("channels").fields().forEachRemaining(channel ->
                channel.getValue().path("messages").fieldNames().forEachRemaining(id -> {
                    String ref = "#/channels/" + channel.getKey() + "/messages/" + id;
                    if (!used.contains(ref)) {
                        problems.add(ref + " has no operation");
                    }
                }));
        spec.path("components").path("messages").fields().forEachRemaining(message -> {
            if (message.getValue().path("examples").isEmpty()) {
                problems.add(message.getKey() + " has no example");
            }
        });

        assertThat(problems).isEmpty();
    }

    @Test
    void presenceStateReadsAndWritesAsTheBareObject() throws Exception {
        Class<?> type = loader.loadClass(EVENTS + "PresenceState");
        String json = "{\"u1\":{\"metas\":[{\"phx_ref\":\"r1\",\"online_at\":\"2026-11-28T10:30:00Z\"}]}}";

        Object state = mapper.readValue(json, type);

        assertThat(List.copyOf(((Map<?, ?>) type.getMethod("entries").invoke(state)).keySet())).isEqualTo(List.of("u1"));
        assertThat(mapper.writeValueAsString(state)).startsWith("{\"u1\":{\"metas\":[{\"phx_ref\":\"r1\"");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Class<?> type = loader.loadClass(EVENTS + "TypingEvent");

        Object event = mapper.readValue("{\"user_id\":\"9b2e4c1a-6d3f-4e8b-a1c2-5f7d8e9a0b1c\","
                + "\"external_id\":null,\"device\":\"phone\"}", type);

        assertThat(type.getMethod("userId").invoke(event)).hasToString("9b2e4c1a-6d3f-4e8b-a1c2-5f7d8e9a0b1c");
        assertThat(type.getMethod("externalId").invoke(event)).isNull();
    }

    @Test
    void listComponentsAreImmutableCopies() throws Exception {
        Class<?> type = loader.loadClass(EVENTS + "PresenceEntry");
        List<Object> metas = new ArrayList<>();
        Object entry = type.getDeclaredConstructors()[0].newInstance(metas);
        metas.add("added later");

        assertThat((List<?>) type.getMethod("metas").invoke(entry)).isEmpty();
    }

    @Test
    void typingPushWritesAsAnEmptyObject() throws Exception {
        Object push = loader.loadClass(EVENTS + "TypingPush").getDeclaredConstructor().newInstance();

        assertThat(mapper.writeValueAsString(push)).isEqualTo("{}");
    }

    private static boolean isSystem(JsonNode message, JsonNode components) {
        for (JsonNode tag : message.path("tags")) {
            String ref = tag.path("$ref").asText("");
            JsonNode resolved = ref.startsWith("#/components/tags/")
                    ? components.path("tags").path(ref.substring("#/components/tags/".length()))
                    : tag;
            if (EventCatalogReader.SYSTEM_TAG.equals(resolved.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> components(String simpleName) throws ClassNotFoundException {
        RecordComponent[] components = loader.loadClass(EVENTS + simpleName).getRecordComponents();
        return Arrays.stream(components).map(c -> c.getType().getSimpleName() + " " + c.getName()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<?>> catalogue(String topic, String field) throws ReflectiveOperationException {
        return (Map<String, Class<?>>) loader.loadClass(EVENTS + "EventCatalog$" + topic).getField(field).get(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> simpleNames(Class<?> topic, String field) throws ReflectiveOperationException {
        Map<String, String> names = new LinkedHashMap<>();
        ((Map<String, Class<?>>) topic.getField(field).get(null)).forEach((k, v) -> names.put(k, v.getSimpleName()));
        return names;
    }

    /** Null and absent fields read the same into records; compare without them. */
    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    it.remove();
                } else {
                    strip(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(RealSpecTest::strip);
        }
    }

}
