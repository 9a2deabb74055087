package dev.poolse.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Everything the TypeScript SDK 2.2–2.12 wire contract adds (routes, schemas, enums, topics, call
 * and voice events) is written down in the specs: a later edit that drops one fails here.
 */
class WireContract212CoverageTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SPEC = Path.of("..", "spec");

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(SPEC.resolve(file).toFile());
    }

    @Test
    void everyNewRouteIsInTheOpenApiDocument() throws IOException {
        JsonNode paths = read("openapi.yaml").path("paths");
        Map<String, String> routes = Map.of(
                "/v1/devices", "post",
                "/v1/devices/{token}", "delete",
                "/v1/ice-servers", "get",
                "/v1/conversations/{conversation_id}/call-token", "post");
        List<String> missing = new ArrayList<>();
        routes.forEach((path, method) -> {
            if (paths.path(path).path(method).isMissingNode()) {
                missing.add(method.toUpperCase() + " " + path);
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void callTokenDocumentsTheNoSfuResponse() throws IOException {
        JsonNode op = read("openapi.yaml").path("paths").path("/v1/conversations/{conversation_id}/call-token").path("post");
        assertThat(op.path("responses").has("503")).isTrue();
        assertThat(op.path("responses").has("403")).isTrue();
    }

    @Test
    void everyNewSchemaAndEnumIsInTheOpenApiDocument() throws IOException {
        JsonNode schemas = read("openapi.yaml").path("components").path("schemas");
        Map<String, List<String>> enums = Map.of(
                "DevicePlatform", List.of("ios", "android"),
                "DeviceEnvironment", List.of("production", "sandbox"),
                "CallMedia", List.of("audio", "video"));
        enums.forEach((name, values) -> assertThat(YAML.convertValue(schemas.path(name).path("enum"), List.class))
                .as(name).containsExactlyElementsOf(values));
        Map<String, Set<String>> objects = Map.of(
                "RegisterDeviceRequest", Set.of("token", "platform", "environment"),
                "Device", Set.of("id", "tenant_id", "user_id", "platform", "environment", "last_registered_at",
                        "inserted_at", "updated_at"),
                "IceServer", Set.of("urls", "username", "credential"),
                "IceServersResponse", Set.of("ice_servers", "ttl_seconds"),
                "CallConnection", Set.of("url", "token", "room", "expires_at"));
        objects.forEach((name, fields) -> assertThat(names(schemas.path(name).path("properties"))).as(name)
                .isEqualTo(new TreeSet<>(fields)));
    }

    @Test
    void everyCallPushAndEventIsOnTheUserTopic() throws IOException {
        JsonNode asyncapi = read("asyncapi.yaml");
        assertThat(eventNames(asyncapi, "user", "send")).contains(
                "call:invite", "call:accept", "call:decline", "call:busy", "call:cancel", "call:hangup");
        assertThat(eventNames(asyncapi, "user", "receive")).contains(
                "call:incoming", "call:accepted", "call:declined", "call:busy", "call:cancelled", "call:ended");
    }

    @Test
    void everyVoicePushAndEventIsOnTheVoiceTopic() throws IOException {
        JsonNode asyncapi = read("asyncapi.yaml");
        assertThat(asyncapi.path("channels").path("voice").path("address").asText())
                .isEqualTo("voice:conversation:{conversationId}");
        assertThat(eventNames(asyncapi, "voice", "send")).contains(
                "voice:join", "voice:leave", "voice:mute", "voice:unmute", "voice:active_speaker", "voice:signal");
        assertThat(eventNames(asyncapi, "voice", "receive")).contains(
                "voice:joined", "voice:presence_state", "voice:left", "voice:mute", "voice:active_speaker",
                "voice:signal", "voice:error");
    }

    @Test
    void theVoipPushPayloadIsDocumented() throws IOException {
        JsonNode push = read("asyncapi.yaml").path("components").path("schemas").path("VoipPush");
        assertThat(names(push.path("properties"))).containsAll(List.of(
                "call_id", "conversation_id", "caller_user_id", "caller_name", "media", "has_video", "sent_at"));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Event names of the messages used by the operations with this action on this channel. */
    private static Set<String> eventNames(JsonNode asyncapi, String channel, String action) {
        Set<String> out = new TreeSet<>();
        for (JsonNode op : asyncapi.path("operations")) {
            if (!op.path("action").asText().equals(action)
                    || !op.path("channel").path("$ref").asText().equals("#/channels/" + channel)) {
                continue;
            }
            for (JsonNode m : op.path("messages")) {
                String id = m.path("$ref").asText().substring(("#/channels/" + channel + "/messages/").length());
                String ref = asyncapi.path("channels").path(channel).path("messages").path(id).path("$ref").asText();
                String component = ref.substring(ref.lastIndexOf('/') + 1);
                out.add(asyncapi.path("components").path("messages").path(component).path("name").asText());
            }
        }
        return out;
    }
}
