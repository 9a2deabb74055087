package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.devserver.PushOutbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Call signalling on the {@code user:{id}} topics, as the AsyncAPI document's user channel
 * describes it: the server keeps each call (caller, callees, the inviting and the answering
 * socket), relays answers, lets the first answer decide, ends what a dropped socket carried and
 * holds no ring timer. Every method runs under the {@link RealtimeHub}'s lock.
 */
final class CallSignalling {


  private enum Phase { RINGING, CONNECTED, ENDED }

  private static final class Call {
    final UUID id;
    final UUID conversationId;
    final UUID callerId;
    final SocketSession callerSocket;
    final List<UUID> callees;
    final String media;
    Phase phase = Phase.RINGING;
    UUID answeredBy;
    SocketSession answeredSocket;

    Call(UUID id, UUID conversationId, UUID callerId, SocketSession callerSocket, List<UUID> callees, String media) {
      this.id = id;
      this.conversationId = conversationId;
      this.callerId = callerId;
      this.callerSocket = callerSocket;
      this.callees = callees;
      this.media = media;
    }
  }

  /** Ended calls are kept (to refuse late answers with call_ended) up to this many. */
  private static final int KEPT_CALLS = 10_000;

  private final RealtimeHub hub;
  private final PushOutbox outbox;
  private final Clock clock;
  private final Map<UUID, Call> calls = new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Call> eldest) {
      return size() > KEPT_CALLS && eldest.getValue().phase == Phase.ENDED;
    }
  };

  CallSignalling(RealtimeHub hub, PushOutbox outbox, Clock clock) {
    this.hub = hub;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Whether an event on a user topic is a call push handled here. */
  static boolean isCallPush(String event) {
    return switch (event) {
      case "call:invite", "call:accept", "call:decline", "call:busy", "call:cancel", "call:hangup" -> true;
      default -> false;
    };
  }

  /**
   * Handles one call push and answers it.
   *
   * @param context the invite's store facts (null for other pushes, or when the conversation does
   *     not exist or the caller is not a member)
   */
  void handle(SocketSession session, SocketSession.Joined joined, PhoenixFrame frame, RealtimeHub.CallContext context) {
    JsonNode p = frame.payload();
    String error;
    JsonNode ok = null;
    if ("call:invite".equals(frame.event())) {
      UUID conversationId = uuid(p, "conversation_id");
      String media = p.hasNonNull("media") ? p.get("media").asText() : "audio";
      if (conversationId == null || !(media.equals("audio") || media.equals("video"))) {
        error = "invalid_payload";
      } else if (context == null) {
        error = "forbidden";
      } else {
        List<UUID> callees = new ArrayList<>(context.members());
        callees.remove(session.userId());
        if (callees.isEmpty()) {
          error = "no_callees";
        } else {
          Call call = new Call(UUID.randomUUID(), conversationId, session.userId(), session, List.copyOf(callees), media);
          calls.put(call.id, call);
          ring(call, context);
          ObjectNode reply = base(call).put("media", media);
          reply.putArray("callee_user_ids").addAll(callees.stream()
              .map(u -> (JsonNode) JsonNodeFactory.instance.textNode(u.toString())).toList());
          ok = reply;
          error = null;
        }
      }
    } else {
      UUID callId = uuid(p, "call_id");
      UUID conversationId = uuid(p, "conversation_id");
      Call call = callId == null ? null : calls.get(callId);
      if (callId == null || conversationId == null) {
        error = "invalid_payload";
      } else if (call == null || !call.conversationId.equals(conversationId)) {
        error = "not_found";
      } else {
        error = switch (frame.event()) {
          case "call:accept" -> accept(call, session);
          case "call:decline" -> refuse(call, session, "call:declined", "declined");
          case "call:busy" -> refuse(call, session, "call:busy", "busy");
          case "call:cancel" -> cancel(call, session);
          default -> hangUp(call, session);
        };
      }
    }
    // The ok reply follows the events it caused, so "replied" means "fanned out".
    hub.reply(session, joined, frame, error == null ? PhoenixFrame.reply(true, ok) : PhoenixFrame.errorReply(error));
  }

  private void ring(Call call, RealtimeHub.CallContext context) {
    ObjectNode incoming = base(call).put("caller_user_id", call.callerId.toString()).put("media", call.media);
    long sentAt = clock.millis();
    for (UUID callee : call.callees) {
      hub.toUser(callee, "call:incoming", incoming, null);
      // The socket event and a VoIP push both go out for every ring; the handset dedupes by call_id.
      for (RealtimeHub.PushDevice d : context.devices().getOrDefault(callee, List.of())) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("call_id", call.id.toString());
        payload.put("conversation_id", call.conversationId.toString());
        payload.put("caller_user_id", call.callerId.toString());
        payload.put("caller_name", context.callerName());
        payload.put("media", call.media);
        payload.put("has_video", call.media.equals("video"));
        payload.put("sent_at", sentAt);
        outbox.record(new PushOutbox.SentPush(callee, d.id(), d.token(), d.platform(), d.environment(), payload,
            clock.instant()));
      }
    }
  }

  private String accept(Call call, SocketSession session) {
    if (!call.callees.contains(session.userId())) {
      return "forbidden";
    }
    if (call.phase != Phase.RINGING) {
      return "call_ended";
    }
    call.phase = Phase.CONNECTED;
    call.answeredBy = session.userId();
    call.answeredSocket = session;
    hub.toSocket(call.callerSocket, call.callerId, "call:accepted", base(call).put("user_id", session.userId().toString()));
    cancelOtherRings(call, session, "answered_elsewhere");
    return null;
  }

  private String refuse(Call call, SocketSession session, String event, String reason) {
    if (!call.callees.contains(session.userId())) {
      return "forbidden";
    }
    if (call.phase != Phase.RINGING) {
      return "call_ended";
    }
    call.phase = Phase.ENDED;
    hub.toSocket(call.callerSocket, call.callerId, event, base(call).put("user_id", session.userId().toString()));
    cancelOtherRings(call, session, reason);
    return null;
  }

  private String cancel(Call call, SocketSession session) {
    if (!call.callerId.equals(session.userId())) {
      return "forbidden";
    }
    if (call.phase != Phase.RINGING) {
      return "call_ended";
    }
    call.phase = Phase.ENDED;
    cancelOtherRings(call, null, "cancelled");
    return null;
  }

  private String hangUp(Call call, SocketSession session) {
    boolean caller = call.callerId.equals(session.userId());
    if (!caller && !session.userId().equals(call.answeredBy)) {
      return "forbidden";
    }
    if (call.phase != Phase.CONNECTED) {
      return "call_ended";
    }
    call.phase = Phase.ENDED;
    ended(call, caller, session.userId(), "hangup");
    return null;
  }

  /** Tells the other party of a connected call that it is over. */
  private void ended(Call call, boolean byCaller, UUID by, String reason) {
    ObjectNode payload = base(call).put("user_id", by.toString()).put("reason", reason);
    if (byCaller) {
      hub.toSocket(call.answeredSocket, call.answeredBy, "call:ended", payload);
    } else {
      hub.toSocket(call.callerSocket, call.callerId, "call:ended", payload);
    }
  }

  /** Every callee socket still ringing, except the one that answered, stops ringing. */
  private void cancelOtherRings(Call call, SocketSession except, String reason) {
    ObjectNode cancelled = base(call).put("caller_user_id", call.callerId.toString()).put("reason", reason);
    for (UUID callee : call.callees) {
      hub.toUser(callee, "call:cancelled", cancelled, except);
    }
  }

  /**
   * A socket is gone (closed, or it left its user topic): end what it carried. The inviting
   * socket of a ringing call cancels it; a party's socket of a connected call ends it for the
   * other party. A callee socket that drops while ringing changes nothing: the user's other
   * devices still ring.
   */
  void socketGone(SocketSession session) {
    for (Call call : calls.values()) {
      if (call.phase == Phase.RINGING && call.callerSocket == session) {
        call.phase = Phase.ENDED;
        cancelOtherRings(call, null, "caller_disconnected");
      } else if (call.phase == Phase.CONNECTED && (call.callerSocket == session || call.answeredSocket == session)) {
        call.phase = Phase.ENDED;
        boolean byCaller = call.callerSocket == session;
        ended(call, byCaller, byCaller ? call.callerId : call.answeredBy, "disconnected");
      }
    }
  }

  private static ObjectNode base(Call call) {
    return JsonNodeFactory.instance.objectNode().put("call_id", call.id.toString())
        .put("conversation_id", call.conversationId.toString());
  }

  static UUID uuid(JsonNode payload, String field) {
    JsonNode v = payload == null ? null : payload.get(field);
    if (v == null || !v.isTextual()) {
      return null;
    }
    try {
      UUID u = UUID.fromString(v.asText());
      return u.toString().equals(v.asText().toLowerCase(java.util.Locale.ROOT)) ? u : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
