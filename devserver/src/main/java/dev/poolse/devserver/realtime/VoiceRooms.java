package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code voice:conversation:{id}} rooms, as the AsyncAPI document's voice channel describes
 * them: joining the topic does not enter the room, {@code voice:join} does; your own
 * {@code voice:joined} comes first, then the others', then the roster; signals go to the addressed
 * participant only. Every method runs under the {@link RealtimeHub}'s lock.
 */
final class VoiceRooms {
  static final String PREFIX = "voice:conversation:";
  private static final Set<String> SIGNAL_TYPES = Set.of("offer", "answer", "ice-candidate");

  /** One socket in a room. */
  private static final class Participant {
    final SocketSession session;
    final long joinedAt;
    boolean muted;
    boolean speaking;

    Participant(SocketSession session, long joinedAt, boolean muted) {
      this.session = session;
      this.joinedAt = joinedAt;
      this.muted = muted;
    }
  }

  private final RealtimeHub hub;
  private final Clock clock;
  /** Topic to the sockets in its room, in join order. */
  private final Map<String, Map<SocketSession, Participant>> rooms = new HashMap<>();

  VoiceRooms(RealtimeHub hub, Clock clock) {
    this.hub = hub;
    this.clock = clock;
  }

  /** Handles one push of a voice topic and answers it. */
  void handle(SocketSession session, SocketSession.Joined joined, PhoenixFrame frame) {
    String topic = joined.topic;
    JsonNode p = frame.payload();
    Map<SocketSession, Participant> room = rooms.computeIfAbsent(topic, t -> new LinkedHashMap<>());
    Participant me = room.get(session);
    String event = frame.event();
    String error = null;
    List<Runnable> after = new ArrayList<>();
    switch (event) {
      case "voice:join" -> {
        if (!bool(p, "muted") || !bool(p, "speaking")) {
          error = "invalid_payload";
        } else if (me == null) {
          Participant joining = new Participant(session, clock.millis(), p.get("muted").asBoolean());
          room.put(session, joining);
          after.add(() -> entered(topic, room, joining));
        }
      }
      case "voice:leave" -> {
        if (me == null) {
          error = "not_in_room";
        } else {
          after.add(() -> left(topic, session));
        }
      }
      case "voice:mute", "voice:unmute" -> {
        if (me == null) {
          error = "not_in_room";
        } else {
          me.muted = event.equals("voice:mute");
          if (me.muted) {
            me.speaking = false;
          }
          ObjectNode out = user(session).put("muted", me.muted);
          after.add(() -> toRoom(topic, room, "voice:mute", out, null));
        }
      }
      case "voice:active_speaker" -> {
        if (me == null) {
          error = "not_in_room";
        } else if (!bool(p, "speaking")) {
          error = "invalid_payload";
        } else {
          me.speaking = p.get("speaking").asBoolean() && !me.muted;
          ObjectNode out = user(session).put("speaking", me.speaking);
          after.add(() -> toRoom(topic, room, "voice:active_speaker", out, null));
        }
      }
      case "voice:signal" -> {
        if (me == null) {
          error = "not_in_room";
        } else {
          error = signal(topic, room, session, p, after);
        }
      }
      default -> error = "unknown event";
    }
    hub.reply(session, joined, frame, error == null ? PhoenixFrame.reply(true, null) : PhoenixFrame.errorReply(error));
    after.forEach(Runnable::run);
    if (room.isEmpty()) {
      rooms.remove(topic);
    }
  }

  private String signal(String topic, Map<SocketSession, Participant> room, SocketSession from, JsonNode p,
      List<Runnable> after) {
    JsonNode type = p.get("type");
    JsonNode data = p.get("data");
    if (type == null || !type.isTextual() || !SIGNAL_TYPES.contains(type.asText())) {
      return "invalid_signal";
    }
    // Every body rides under data; an empty one is refused and not relayed.
    if (data == null || !data.isObject() || data.isEmpty()) {
      return "invalid_signal";
    }
    UUID target = null;
    if (p.hasNonNull("target_user_id")) {
      target = CallSignalling.uuid(p, "target_user_id");
      UUID t = target;
      if (t == null || room.values().stream().noneMatch(x -> x.session.userId().equals(t))) {
        return "invalid_signal";
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("from_user_id", from.userId().toString());
    if (target != null) {
      out.put("target_user_id", target.toString());
    }
    out.put("type", type.asText());
    out.set("data", data.deepCopy());
    UUID to = target;
    after.add(() -> {
      for (Participant x : room.values()) {
        boolean addressed = to == null ? !x.session.userId().equals(from.userId()) : x.session.userId().equals(to);
        if (x.session != from && addressed) {
          hub.toTopicSocket(x.session, topic, "voice:signal", out);
        }
      }
    });
    return null;
  }

  /** Your own voice:joined first, then everyone else's, then your roster. */
  private void entered(String topic, Map<SocketSession, Participant> room, Participant joining) {
    ObjectNode joined = user(joining.session);
    hub.toTopicSocket(joining.session, topic, "voice:joined", joined);
    hub.toTopic(topic, "voice:joined", joined, joining.session);
    hub.toTopicSocket(joining.session, topic, "voice:presence_state", roster(room));
  }

  /**
   * A socket leaves a room: by {@code voice:leave}, {@code phx_leave}, a duplicate join or a drop.
   * The others are told with {@code voice:left}.
   */
  void left(String topic, SocketSession session) {
    Map<SocketSession, Participant> room = rooms.get(topic);
    if (room == null || room.remove(session) == null) {
      return;
    }
    hub.toTopic(topic, "voice:left", user(session), session);
    if (room.isEmpty()) {
      rooms.remove(topic);
    }
  }

  private void toRoom(String topic, Map<SocketSession, Participant> room, String event, ObjectNode payload,
      SocketSession except) {
    for (Participant x : room.values()) {
      if (x.session != except) {
        hub.toTopicSocket(x.session, topic, event, payload);
      }
    }
  }

  private static ObjectNode roster(Map<SocketSession, Participant> room) {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    for (Participant x : room.values()) {
      String id = x.session.userId().toString();
      ObjectNode entry = state.has(id) ? (ObjectNode) state.get(id) : state.putObject(id);
      var metas = entry.has("metas") ? (com.fasterxml.jackson.databind.node.ArrayNode) entry.get("metas")
          : entry.putArray("metas");
      metas.addObject().put("user_id", id).put("mute_state", x.muted).put("speaking_state", x.speaking)
          .put("joined_at", x.joinedAt);
    }
    return state;
  }

  private static ObjectNode user(SocketSession session) {
    return JsonNodeFactory.instance.objectNode().put("user_id", session.userId().toString());
  }

  private static boolean bool(JsonNode p, String field) {
    return p != null && p.has(field) && p.get(field).isBoolean();
  }
}
