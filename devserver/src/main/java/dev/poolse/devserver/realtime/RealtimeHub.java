package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.client.events.PresenceDiff;
import dev.poolse.client.events.PresenceEntry;
import dev.poolse.client.events.PresenceMeta;
import dev.poolse.client.events.PresenceState;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.devserver.DevServerCounters;
import dev.poolse.devserver.faults.DevServerFaults;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Phoenix Channels side of the server: topic subscriptions, presence, typing and every
 * broadcast.
 *
 * <p>Threading: frames of one socket are handled on that socket's event loop; broadcasts come
 * from REST handlers (under their tenant lock) and from timers. All state here is guarded by this
 * object's monitor, and every outbound frame is queued while holding it, which fixes the order
 * in which each socket receives frames: a REST mutation that broadcasts under its tenant lock and
 * then this lock delivers its events in mutation order (for {@code message:new}: sequence order).
 * The lock order is tenant lock, then hub lock; the hub never calls back into the store while
 * holding its own lock.
 */
public final class RealtimeHub {

  /** Decides who may join a conversation topic. */
  public interface Authorizer {
    /**
     * {@return whether the user is a member}
     *
     * @param tenantId the socket user's tenant
     * @param userId the socket user
     * @param conversationId the conversation of the topic
     */
    boolean isMember(UUID tenantId, UUID userId, UUID conversationId);
  }

  /** What the store knows that an invite needs; read before the hub lock is taken (lock order). */
  public interface CallDirectory {
    /**
     * {@return the invite's facts, or null when the conversation does not exist or the caller is
     * not a member}
     *
     * @param tenantId the caller's tenant
     * @param callerId the caller
     * @param conversationId the conversation to ring
     */
    CallContext callContext(UUID tenantId, UUID callerId, UUID conversationId);
  }

  /**
   * The facts of an invite.
   *
   * @param members every member of the conversation, the caller included
   * @param callerName the caller's display name, else external id
   * @param devices the registered push destinations of each member
   */
  public record CallContext(List<UUID> members, String callerName, Map<UUID, List<PushDevice>> devices) {}

  /**
   * A push destination.
   *
   * @param id the device id
   * @param token the raw push token
   * @param platform {@code ios} or {@code android}
   * @param environment the APNs environment
   */
  public record PushDevice(UUID id, String token, String platform, String environment) {}

  private static final String CONVERSATION_PREFIX = "conversation:";
  private static final String USER_PREFIX = "user:";

  private final ObjectMapper mapper;
  private final Authorizer authorizer;
  private final DevServerFaults faults;
  private final DevServerCounters counters;
  private final Clock clock;
  private final int typingPerSecond;
  private final Duration typingTimeout;

  private final Set<SocketSession> sessions = new LinkedHashSet<>();
  /** Topic to its subscribed sessions, in join order. */
  private final Map<String, Set<SocketSession>> subscribers = new HashMap<>();
  /** Conversation topic to user id to phx_ref to meta. */
  private final Map<String, Map<UUID, Map<String, PresenceMeta>>> presence = new HashMap<>();
  /** Conversation id to its durable events, for replay. */
  private final Map<UUID, EventLog> logs = new HashMap<>();
  private final int eventRetention;
  private final AtomicLong refs = new AtomicLong();
  private final CallDirectory directory;
  private final CallSignalling calls;
  private final VoiceRooms voice;

  /**
   * Creates the hub that routes joins, pushes and broadcasts of every socket.
   *
   * @param mapper the wire mapper
   * @param authorizer membership check for conversation topics
   * @param faults fault switches (heartbeat replies)
   * @param counters counters to update
   * @param clock clock for presence {@code online_at}
   * @param typingPerSecond accepted typing pushes per second per socket and topic, 0 = unlimited
   * @param typingTimeout silence after which {@code typing:stop} is broadcast
   * @param eventRetention durable events kept per conversation for replay, at least 1
   * @param directory the store facts call invites need
   * @param outbox where the VoIP pushes of incoming calls are recorded
   */
  public RealtimeHub(ObjectMapper mapper, Authorizer authorizer, DevServerFaults faults,
      DevServerCounters counters, Clock clock, int typingPerSecond, Duration typingTimeout,
      int eventRetention, CallDirectory directory, dev.poolse.devserver.PushOutbox outbox) {
    if (eventRetention < 1) {
      throw new IllegalArgumentException("eventRetention must be at least 1, was " + eventRetention);
    }
    this.eventRetention = eventRetention;
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.typingPerSecond = typingPerSecond;
    this.typingTimeout = Objects.requireNonNull(typingTimeout, "typingTimeout");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.calls = new CallSignalling(this, Objects.requireNonNull(outbox, "outbox"), clock);
    this.voice = new VoiceRooms(this, clock);
  }

  /**
   * Registers a freshly upgraded socket.
   *
   * @param session the socket
   */
  public synchronized void opened(SocketSession session) {
    sessions.add(session);
    counters.socket(true);
  }

  /**
   * Forgets a closed socket: its channels leave (presence diffs go out, typing stops).
   *
   * @param session the socket
   */
  public synchronized void closed(SocketSession session) {
    if (!sessions.remove(session)) {
      return;
    }
    counters.socket(false);
    calls.socketGone(session);
    for (SocketSession.Joined j : new ArrayList<>(session.joins.values())) {
      unsubscribe(session, j);
    }
  }

  /** Closes every socket abruptly. */
  public synchronized void dropAll() {
    for (SocketSession s : sessions) {
      s.drop();
    }
  }

  /**
   * Handles one inbound text frame of a socket (on its event loop).
   *
   * @param session the socket
   * @param frame the parsed frame
   */
  public void handle(SocketSession session, PhoenixFrame frame) {
    String topic = frame.topic();
    String event = frame.event();
    if ("phoenix".equals(topic) && "heartbeat".equals(event)) {
      if (faults.answerHeartbeat()) {
        session.send(encode(new PhoenixFrame(null, frame.ref(), "phoenix", "phx_reply",
            PhoenixFrame.reply(true, null))));
      }
      return;
    }
    if ("phx_join".equals(event)) {
      join(session, frame);
      return;
    }
    // Read what an invite needs from the store before taking the hub lock (lock order).
    CallContext inviteContext = null;
    if ("call:invite".equals(event) && topic.startsWith(USER_PREFIX)) {
      UUID conversationId = CallSignalling.uuid(frame.payload(), "conversation_id");
      if (conversationId != null) {
        inviteContext = directory.callContext(session.tenantId(), session.userId(), conversationId);
      }
    }
    synchronized (this) {
      SocketSession.Joined joined = session.joins.get(topic);
      if (joined == null || !Objects.equals(joined.joinRef, frame.joinRef())) {
        // Phoenix answers a push to a topic this socket has not joined (or an outdated join)
        // with "unmatched topic" and a null join_ref.
        session.send(encode(new PhoenixFrame(null, frame.ref(), topic, "phx_reply",
            PhoenixFrame.errorReply("unmatched topic"))));
        return;
      }
      switch (event) {
        case "phx_leave":
          send(session, new PhoenixFrame(joined.joinRef, frame.ref(), topic, "phx_reply",
              PhoenixFrame.reply(true, null)));
          if (topic.startsWith(USER_PREFIX)) {
            // Leaving the user topic leaves the calls this socket carried, like a drop.
            calls.socketGone(session);
          }
          unsubscribe(session, joined);
          send(session, new PhoenixFrame(joined.joinRef, joined.joinRef, topic, "phx_close",
              JsonNodeFactory.instance.objectNode()));
          break;
        case "typing":
          typing(session, joined, frame);
          break;
        default:
          if (topic.startsWith(VoiceRooms.PREFIX)) {
            voice.handle(session, joined, frame);
            break;
          }
          if (topic.startsWith(USER_PREFIX) && CallSignalling.isCallPush(event)) {
            calls.handle(session, joined, frame, inviteContext);
            break;
          }
          send(session, new PhoenixFrame(joined.joinRef, frame.ref(), topic, "phx_reply",
              PhoenixFrame.errorReply("unknown event")));
      }
    }
  }

  private void join(SocketSession session, PhoenixFrame frame) {
    String topic = frame.topic();
    boolean conversation = topic.startsWith(CONVERSATION_PREFIX);
    boolean user = topic.startsWith(USER_PREFIX);
    boolean voiceRoom = topic.startsWith(VoiceRooms.PREFIX);
    if (!conversation && !user && !voiceRoom) {
      session.send(encode(new PhoenixFrame(null, frame.ref(), topic, "phx_reply",
          PhoenixFrame.errorReply("unmatched topic"))));
      return;
    }
    String joinRef = frame.joinRef() != null ? frame.joinRef() : frame.ref();
    UUID id = parseUuid(topic.substring(conversation ? CONVERSATION_PREFIX.length()
        : voiceRoom ? VoiceRooms.PREFIX.length() : USER_PREFIX.length()));
    // Authorize before taking the hub lock: the authorizer takes the tenant lock (lock order).
    boolean allowed = id != null && (conversation || voiceRoom
        ? authorizer.isMember(session.tenantId(), session.userId(), id)
        : id.equals(session.userId()));
    synchronized (this) {
      if (!sessions.contains(session)) {
        return;
      }
      if (!allowed) {
        send(session, new PhoenixFrame(joinRef, frame.ref(), topic, "phx_reply",
            PhoenixFrame.errorReply("forbidden")));
        return;
      }
      SocketSession.Joined previous = session.joins.get(topic);
      if (previous != null) {
        unsubscribe(session, previous);
      }
      String phxRef = conversation ? nextRef() : null;
      SocketSession.Joined joined = new SocketSession.Joined(topic, joinRef, phxRef);
      session.joins.put(topic, joined);
      subscribers.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(session);
      // The revision is read under the same lock that publishes, so every event above it is
      // queued to this socket after this reply: the client knows exactly where live begins.
      JsonNode joinResponse = null;
      if (conversation) {
        EventLog log = logs.get(id);
        joinResponse = JsonNodeFactory.instance.objectNode().put("revision", log == null ? 0 : log.head());
      }
      send(session, new PhoenixFrame(joinRef, frame.ref(), topic, "phx_reply",
          PhoenixFrame.reply(true, joinResponse)));
      if (previous != null) {
        // Duplicate join: the new join is answered first, then the old one is closed, so a
        // client drops the phx_close by its stale join_ref.
        send(session, new PhoenixFrame(previous.joinRef, previous.joinRef, topic, "phx_close",
            JsonNodeFactory.instance.objectNode()));
      }
      if (conversation) {
        PresenceMeta meta = new PresenceMeta(phxRef, OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
            session.externalId());
        Map<UUID, Map<String, PresenceMeta>> state = presence.computeIfAbsent(topic, t -> new LinkedHashMap<>());
        state.computeIfAbsent(session.userId(), u -> new LinkedHashMap<>()).put(phxRef, meta);
        send(session, new PhoenixFrame(joinRef, null, topic, "presence_state", tree(presenceState(state))));
        broadcastLocked(topic, "presence_diff", tree(diff(session.userId(), meta, true)), null);
      }
    }
  }

  private void typing(SocketSession session, SocketSession.Joined joined, PhoenixFrame frame) {
    if (!joined.topic.startsWith(CONVERSATION_PREFIX)) {
      send(session, new PhoenixFrame(joined.joinRef, frame.ref(), joined.topic, "phx_reply",
          PhoenixFrame.errorReply("unknown event")));
      return;
    }
    // One-second windows on the configured clock, so tests can pin the window.
    long second = clock.millis() / 1000;
    if (second != joined.windowSecond) {
      joined.windowSecond = second;
      joined.pushesInWindow = 0;
    }
    if (typingPerSecond > 0 && joined.pushesInWindow >= typingPerSecond) {
      send(session, new PhoenixFrame(joined.joinRef, frame.ref(), joined.topic, "phx_reply",
          PhoenixFrame.errorReply("rate_limited")));
      return;
    }
    joined.pushesInWindow++;
    send(session, new PhoenixFrame(joined.joinRef, frame.ref(), joined.topic, "phx_reply",
        PhoenixFrame.reply(true, null)));
    if (!joined.typing) {
      joined.typing = true;
      broadcastLocked(joined.topic, "typing:start", typingPayload(session), session.userId());
    }
    if (joined.typingStop != null) {
      joined.typingStop.cancel(false);
    }
    joined.typingStop = session.channel().eventLoop().schedule(
        () -> typingTimedOut(session, joined), typingTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private synchronized void typingTimedOut(SocketSession session, SocketSession.Joined joined) {
    if (joined.typing && session.joins.get(joined.topic) == joined) {
      stopTyping(session, joined);
    }
  }

  private void stopTyping(SocketSession session, SocketSession.Joined joined) {
    if (joined.typingStop != null) {
      joined.typingStop.cancel(false);
      joined.typingStop = null;
    }
    if (joined.typing) {
      joined.typing = false;
      broadcastLocked(joined.topic, "typing:stop", typingPayload(session), session.userId());
    }
  }

  private JsonNode typingPayload(SocketSession session) {
    return tree(new TypingEvent(session.userId(), session.externalId()));
  }

  private JsonNode tree(Object payload) {
    // Generated types decide inclusion themselves: required fields are written even when null.
    return mapper.valueToTree(payload);
  }

  private void unsubscribe(SocketSession session, SocketSession.Joined joined) {
    stopTyping(session, joined);
    if (joined.topic.startsWith(VoiceRooms.PREFIX)) {
      // Leaving the topic (or dropping) leaves the room too; the others hear voice:left.
      voice.left(joined.topic, session);
    }
    session.joins.remove(joined.topic, joined);
    Set<SocketSession> subs = subscribers.get(joined.topic);
    if (subs != null) {
      subs.remove(session);
      if (subs.isEmpty()) {
        subscribers.remove(joined.topic);
      }
    }
    if (joined.phxRef != null) {
      Map<UUID, Map<String, PresenceMeta>> state = presence.get(joined.topic);
      if (state != null) {
        Map<String, PresenceMeta> metas = state.get(session.userId());
        PresenceMeta meta = metas == null ? null : metas.remove(joined.phxRef);
        if (metas != null && metas.isEmpty()) {
          state.remove(session.userId());
        }
        if (state.isEmpty()) {
          presence.remove(joined.topic);
        }
        if (meta != null) {
          broadcastLocked(joined.topic, "presence_diff", tree(diff(session.userId(), meta, false)), null);
        }
      }
    }
  }

  private static PresenceState presenceState(Map<UUID, Map<String, PresenceMeta>> state) {
    Map<String, PresenceEntry> out = new LinkedHashMap<>();
    state.forEach((userId, metas) -> out.put(userId.toString(), new PresenceEntry(new ArrayList<>(metas.values()))));
    return new PresenceState(out);
  }

  private static PresenceDiff diff(UUID userId, PresenceMeta meta, boolean join) {
    Map<String, PresenceEntry> changed = Map.of(userId.toString(), new PresenceEntry(List.of(meta)));
    return new PresenceDiff(join ? changed : Map.of(), join ? Map.of() : changed);
  }

  /**
   * Broadcasts an event to every socket that joined a topic, as {@code [null, null, topic,
   * event, payload]}.
   *
   * @param topic the topic
   * @param event the event
   * @param payload the payload: a generated REST model, an event record or a JSON node
   */
  public synchronized void broadcast(String topic, String event, Object payload) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(event, "event");
    broadcastLocked(topic, event, tree(payload), null);
  }

  /**
   * Publishes an event that changes a conversation's durable state: it takes the conversation's
   * next revision (stamped into the payload as {@code revision}), is kept for replay and is
   * broadcast on the conversation topic.
   *
   * @param conversationId the conversation
   * @param event the event name
   * @param payload a generated REST model or event record (a JSON object)
   * @return the revision it took
   */
  public synchronized long publish(UUID conversationId, String event, Object payload) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(event, "event");
    JsonNode tree = tree(payload);
    if (!(tree instanceof ObjectNode node)) {
      throw new IllegalArgumentException("payload of " + event + " is not a JSON object");
    }
    long revision = logs.computeIfAbsent(conversationId, c -> new EventLog(eventRetention)).append(event, node);
    broadcastLocked(CONVERSATION_PREFIX + conversationId, event, node, null);
    return revision;
  }

  /**
   * A page of a conversation's kept events after a revision, oldest first.
   *
   * @param conversationId the conversation
   * @param after only revisions strictly above this one
   * @param limit at most this many
   * @return the page
   * @throws EventsExpiredException when those events are no longer kept
   */
  public synchronized EventPage events(UUID conversationId, long after, int limit) throws EventsExpiredException {
    EventLog log = logs.computeIfAbsent(conversationId, c -> new EventLog(eventRetention));
    try {
      List<EventLog.Entry> page = log.after(after, limit + 1);
      boolean more = page.size() > limit;
      List<ReplayedEvent> out = new ArrayList<>(Math.min(limit, page.size()));
      for (EventLog.Entry e : more ? page.subList(0, limit) : page) {
        // Copies: the kept payload must not be changed by whoever serializes the page.
        out.add(new ReplayedEvent(e.revision(), e.event(), e.payload().deepCopy()));
      }
      return new EventPage(out, more, log.head());
    } catch (EventLog.ExpiredException e) {
      throw new EventsExpiredException(e.getMessage());
    }
  }

  /** One replayed event. @param revision its revision @param event its name @param payload its payload */
  public record ReplayedEvent(long revision, String event, ObjectNode payload) {
  }

  /** A page of replayed events. @param events oldest first @param hasMore whether more follow @param head the newest revision */
  public record EventPage(List<ReplayedEvent> events, boolean hasMore, long head) {
  }

  /** The events asked for are no longer kept (or were never there). */
  public static final class EventsExpiredException extends Exception {
    private static final long serialVersionUID = 1L;

    EventsExpiredException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Ends the conversation channels of a user removed from it, with {@code phx_close}.
   *
   * @param conversationId the conversation
   * @param userId the removed user
   */
  public synchronized void endMembership(UUID conversationId, UUID userId) {
    String topic = CONVERSATION_PREFIX + conversationId;
    Set<SocketSession> subs = subscribers.get(topic);
    if (subs == null) {
      return;
    }
    for (SocketSession s : new ArrayList<>(subs)) {
      if (s.userId().equals(userId)) {
        SocketSession.Joined j = s.joins.get(topic);
        if (j != null) {
          unsubscribe(s, j);
          send(s, new PhoenixFrame(j.joinRef, j.joinRef, topic, "phx_close",
              JsonNodeFactory.instance.objectNode()));
        }
      }
    }
  }

  private void broadcastLocked(String topic, String event, JsonNode payload, UUID exceptUser) {
    Set<SocketSession> subs = subscribers.get(topic);
    if (subs == null || subs.isEmpty()) {
      return;
    }
    String text = encode(new PhoenixFrame(null, null, topic, event, payload));
    for (SocketSession s : subs) {
      if (exceptUser == null || !exceptUser.equals(s.userId())) {
        s.send(text);
        counters.framePushed();
      }
    }
  }

  /** Answers a push of a joined topic. Caller holds the hub lock. */
  void reply(SocketSession session, SocketSession.Joined joined, PhoenixFrame frame, JsonNode response) {
    send(session, new PhoenixFrame(joined.joinRef, frame.ref(), joined.topic, "phx_reply", response));
  }

  /** Pushes an event to every socket on a user's topic but one. Caller holds the hub lock. */
  void toUser(UUID userId, String event, JsonNode payload, SocketSession except) {
    toTopic(USER_PREFIX + userId, event, payload, except);
  }

  /** Pushes an event to one socket on a topic it joined. Caller holds the hub lock. */
  void toTopicSocket(SocketSession session, String topic, String event, JsonNode payload) {
    if (session.joins.containsKey(topic)) {
      send(session, new PhoenixFrame(null, null, topic, event, payload));
    }
  }

  /** Pushes an event to every socket of a topic but one. Caller holds the hub lock. */
  void toTopic(String topic, String event, JsonNode payload, SocketSession except) {
    Set<SocketSession> subs = subscribers.get(topic);
    if (subs == null) {
      return;
    }
    String text = encode(new PhoenixFrame(null, null, topic, event, payload));
    for (SocketSession s : subs) {
      if (s != except) {
        s.send(text);
        counters.framePushed();
      }
    }
  }

  /** Pushes an event to one socket, if it is still on its user's topic. Caller holds the hub lock. */
  void toSocket(SocketSession session, UUID userId, String event, JsonNode payload) {
    if (session != null) {
      toTopicSocket(session, USER_PREFIX + userId, event, payload);
    }
  }


  private void send(SocketSession session, PhoenixFrame frame) {
    session.send(encode(frame));
    counters.framePushed();
  }

  private String encode(PhoenixFrame frame) {
    return frame.encode(mapper);
  }

  private String nextRef() {
    return "F" + Long.toString(refs.incrementAndGet(), 36);
  }

  private static UUID parseUuid(String s) {
    try {
      UUID u = UUID.fromString(s);
      return u.toString().equals(s.toLowerCase(java.util.Locale.ROOT)) ? u : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@return sockets connected now} */
  public synchronized int socketCount() {
    return sessions.size();
  }
}
