package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.client.events.EventCatalog;
import dev.poolse.client.events.VoiceErrorEvent;
import dev.poolse.client.events.VoiceMuteEvent;
import dev.poolse.client.events.VoicePresenceEntry;
import dev.poolse.client.events.VoicePresenceMeta;
import dev.poolse.client.events.VoicePresenceState;
import dev.poolse.client.events.VoiceSignalEvent;
import dev.poolse.client.events.VoiceSignalType;
import dev.poolse.client.events.VoiceSpeakerEvent;
import dev.poolse.client.events.VoiceUserEvent;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.CallRefusedException;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.JoinRefusedException;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.VoiceParticipant;
import dev.poolse.sdk.realtime.VoiceRoom;
import dev.poolse.sdk.realtime.phoenix.Frame;
import dev.poolse.sdk.realtime.phoenix.Push;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The {@link VoiceRoom} handle: a holder count, listeners, and while held one {@link Session} (a
 * channel of the topic) from the first join to the last leave.
 */
final class DefaultVoiceRoom implements VoiceRoom {
    private final DefaultPoolseRealtime realtime;
    private final UUID conversationId;
    private final ListenerSet<Map<UUID, VoiceParticipant>> participantListeners = new ListenerSet<>();
    private final ListenerSet<UUID> joinedListeners = new ListenerSet<>();
    private final ListenerSet<UUID> leftListeners = new ListenerSet<>();
    private final ListenerSet<VoiceMuteEvent> muteListeners = new ListenerSet<>();
    private final ListenerSet<VoiceSpeakerEvent> speakerListeners = new ListenerSet<>();
    private final ListenerSet<VoiceSignalEvent> signalListeners = new ListenerSet<>();
    private final ListenerSet<VoiceErrorEvent> errorListeners = new ListenerSet<>();
    /** Guarded by this. */
    private int holders;
    /** Guarded by this: the session of the current holders, null when nobody holds the room. */
    private Session session;
    private volatile boolean muted;
    private volatile Map<UUID, VoiceParticipant> participants = Map.of();
    /** The current user, from the token; learned at the first join. */
    private volatile UUID me;

    DefaultVoiceRoom(DefaultPoolseRealtime realtime, UUID conversationId) {
        this.realtime = realtime;
        this.conversationId = conversationId;
    }

    @Override
    public UUID conversationId() {
        return conversationId;
    }

    @Override
    public CompletableFuture<Void> join() {
        realtime.ensureOpen();
        Session s;
        synchronized (this) {
            holders++;
            if (session == null) {
                session = new Session(realtime, EventCatalog.VoiceTopic.TOPIC_PREFIX + conversationId);
                if (me == null) {
                    realtime.backend().currentUserId().thenAccept(id -> me = id);
                }
                realtime.startVoice(session);
            }
            s = session;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        s.entered.whenComplete((ok, error) -> {
            if (error != null) {
                release(s); // a failed join gives its hold back
                result.completeExceptionally(error);
            } else {
                result.complete(null);
            }
        });
        return result;
    }

    @Override
    public void leave() {
        release(null);
    }

    /** Drops one hold (of {@code only}'s session, when given); the last one ends the session. */
    private void release(Session only) {
        Session ending = null;
        synchronized (this) {
            if (holders == 0 || (only != null && session != only)) {
                return;
            }
            holders--;
            if (holders == 0) {
                ending = session;
                session = null;
            }
        }
        if (ending != null) {
            Session s = ending;
            participants = Map.of();
            realtime.scheduler().execute(s::exit);
        }
    }

    @Override
    public synchronized int holders() {
        return holders;
    }

    @Override
    public boolean isJoined() {
        Session s;
        synchronized (this) {
            s = session;
        }
        return s != null && s.entered.isDone() && !s.entered.isCompletedExceptionally()
                && s.state() == ChannelState.JOINED;
    }

    @Override
    public Map<UUID, VoiceParticipant> participants() {
        return participants;
    }

    @Override
    public Set<UUID> activeSpeakers() {
        Set<UUID> out = new LinkedHashSet<>();
        participants.values().forEach(p -> {
            if (p.speaking()) {
                out.add(p.userId());
            }
        });
        return Collections.unmodifiableSet(out);
    }

    @Override
    public void mute() {
        setMuted(true);
    }

    @Override
    public void unmute() {
        setMuted(false);
    }

    private void setMuted(boolean value) {
        realtime.ensureOpen();
        muted = value;
        Session s = current();
        if (s != null) {
            realtime.scheduler().execute(() -> s.sendMuted(value));
        }
    }

    @Override
    public void setSpeaking(boolean speaking) {
        realtime.ensureOpen();
        Session s = current();
        if (s != null) {
            realtime.scheduler().execute(() -> s.sendSpeaking(speaking && !muted));
        }
    }

    @Override
    public CompletableFuture<Void> sendSignal(VoiceSignalType type, UUID targetUserId, Map<String, Object> data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (type == VoiceSignalType.UNKNOWN) {
            throw new IllegalArgumentException("type must be offer, answer or ice-candidate");
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data must not be empty: the server relays no empty signal");
        }
        realtime.ensureOpen();
        Session s = current();
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not in the voice room of " + conversationId));
        }
        ObjectNode payload = realtime.mapper().createObjectNode().put("type", type.value());
        if (targetUserId != null) {
            payload.put("target_user_id", targetUserId.toString());
        }
        payload.set("data", realtime.mapper().valueToTree(data));
        CompletableFuture<Void> result = new CompletableFuture<>();
        realtime.scheduler().execute(() -> s.push(EventCatalog.VoiceTopic.VOICE_SIGNAL, payload, result));
        return result;
    }

    private synchronized Session current() {
        return session;
    }

    /** The client closes: the session's channel is stopped with the others. */
    synchronized Session sessionForClose() {
        Session s = session;
        session = null;
        holders = 0;
        return s;
    }

    private <T> Subscription listen(ListenerSet<T> set, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        realtime.ensureOpen();
        return set.add(listener);
    }

    @Override
    public Subscription onParticipants(Consumer<? super Map<UUID, VoiceParticipant>> listener) {
        return listen(participantListeners, listener);
    }

    @Override
    public Subscription onJoined(Consumer<? super UUID> listener) {
        return listen(joinedListeners, listener);
    }

    @Override
    public Subscription onLeft(Consumer<? super UUID> listener) {
        return listen(leftListeners, listener);
    }

    @Override
    public Subscription onMute(Consumer<? super VoiceMuteEvent> listener) {
        return listen(muteListeners, listener);
    }

    @Override
    public Subscription onActiveSpeaker(Consumer<? super VoiceSpeakerEvent> listener) {
        return listen(speakerListeners, listener);
    }

    @Override
    public Subscription onSignal(Consumer<? super VoiceSignalEvent> listener) {
        return listen(signalListeners, listener);
    }

    @Override
    public Subscription onError(Consumer<? super VoiceErrorEvent> listener) {
        return listen(errorListeners, listener);
    }

    /**
     * One stretch of holding the room: the topic's channel, entered with {@code voice:join} after
     * every (re)join. Its methods run on the engine thread.
     */
    final class Session extends ChannelBase {
        /** The first entry into the room; completes on the callback executor via the lane. */
        final CompletableFuture<Void> entered = new CompletableFuture<>();
        private final Map<UUID, VoiceParticipant> roster = new LinkedHashMap<>();
        private boolean speaking;
        private boolean exited;

        Session(DefaultPoolseRealtime client, String topic) {
            super(client, topic);
        }

        @Override
        public void onJoined(JsonNode response, boolean rejoin) {
            // Joining the topic does not enter the room; voice:join does, after every (re)join.
            speaking = false;
            ObjectNode payload = realtime.mapper().createObjectNode().put("muted", muted).put("speaking", false);
            Push push = phoenix.push(EventCatalog.VoiceTopic.VOICE_JOIN, payload);
            push.onOk(ok -> lane.execute(() -> entered.complete(null)))
                    .onError(r -> fail(new CallRefusedException(EventCatalog.VoiceTopic.VOICE_JOIN, reason(r))))
                    .onTimeout(() -> fail(new CallRefusedException(EventCatalog.VoiceTopic.VOICE_JOIN,
                            CallRefusedException.TIMEOUT)));
        }

        private void fail(RealtimeException error) {
            CompletableFuture<Void> f = entered;
            realtime.callbackExecutor().execute(() -> f.completeExceptionally(error));
        }

        @Override
        public void onJoinRefused(JsonNode response) {
            super.onJoinRefused(response);
            fail(new JoinRefusedException(topic, reason(response)));
        }

        @Override
        public void onState(ChannelState next) {
            super.onState(next);
            if (next != ChannelState.JOINED && !roster.isEmpty()) {
                // Out of the room until the rejoin's roster arrives.
                roster.clear();
                publish();
            }
            if (next == ChannelState.CLOSED && !leaving) {
                fail(new RealtimeException("the voice room channel " + topic + " was closed by the server", null));
            }
        }

        @Override
        void onStopped() {
            realtime.forgetVoice(this);
        }

        /** Leaves the room and the topic; the last holder is gone. */
        void exit() {
            if (exited) {
                return;
            }
            exited = true;
            if (phoenix != null && phoenix.state() == ChannelState.JOINED) {
                phoenix.push(EventCatalog.VoiceTopic.VOICE_LEAVE, realtime.mapper().createObjectNode());
            }
            fail(new RealtimeException("the voice room was left before it was entered", null));
            stop();
        }

        void sendMuted(boolean value) {
            if (phoenix != null && phoenix.state() == ChannelState.JOINED && entered.isDone()) {
                phoenix.push(value ? EventCatalog.VoiceTopic.VOICE_MUTE : EventCatalog.VoiceTopic.VOICE_UNMUTE,
                        realtime.mapper().createObjectNode().put("muted", value));
                if (value) {
                    speaking = false;
                }
            }
        }

        void sendSpeaking(boolean value) {
            if (value == speaking || phoenix == null || phoenix.state() != ChannelState.JOINED) {
                return; // transitions only
            }
            speaking = value;
            phoenix.push(EventCatalog.VoiceTopic.VOICE_ACTIVE_SPEAKER,
                    realtime.mapper().createObjectNode().put("speaking", value));
        }

        void push(String event, ObjectNode payload, CompletableFuture<Void> result) {
            if (phoenix == null || leaving || exited) {
                result.completeExceptionally(new IllegalStateException("not in the voice room of " + conversationId));
                return;
            }
            phoenix.push(event, payload)
                    .onOk(ok -> lane.execute(() -> result.complete(null)))
                    .onError(r -> lane.execute(() -> result.completeExceptionally(
                            new CallRefusedException(event, reason(r)))))
                    .onTimeout(() -> lane.execute(() -> result.completeExceptionally(
                            new CallRefusedException(event, CallRefusedException.TIMEOUT))));
        }

        @Override
        public void onEvent(Frame frame) {
            switch (frame.event()) {
                case "voice:joined" -> {
                    VoiceUserEvent e = decode(frame, VoiceUserEvent.class);
                    if (e != null) {
                        roster.putIfAbsent(e.userId(), new VoiceParticipant(e.userId(), false, false, 0));
                        publish();
                        if (!e.userId().equals(me)) {
                            dispatch(joinedListeners, e.userId(), frame.event());
                        }
                    }
                }
                case "voice:presence_state" -> {
                    VoicePresenceState state = roster(frame);
                    if (state != null) {
                        roster.clear();
                        state.entries().forEach((key, entry) -> add(key, entry));
                        publish();
                    }
                }
                case "voice:left" -> {
                    VoiceUserEvent e = decode(frame, VoiceUserEvent.class);
                    if (e != null && roster.remove(e.userId()) != null) {
                        publish();
                        dispatch(leftListeners, e.userId(), frame.event());
                    }
                }
                case "voice:mute" -> {
                    VoiceMuteEvent e = decode(frame, VoiceMuteEvent.class);
                    if (e != null) {
                        update(e.userId(), p -> new VoiceParticipant(p.userId(), Boolean.TRUE.equals(e.muted()),
                                !Boolean.TRUE.equals(e.muted()) && p.speaking(), p.joinedAtMillis()));
                        dispatch(muteListeners, e, frame.event());
                    }
                }
                case "voice:active_speaker" -> {
                    VoiceSpeakerEvent e = decode(frame, VoiceSpeakerEvent.class);
                    if (e != null) {
                        update(e.userId(), p -> new VoiceParticipant(p.userId(), p.muted(),
                                Boolean.TRUE.equals(e.speaking()), p.joinedAtMillis()));
                        dispatch(speakerListeners, e, frame.event());
                    }
                }
                case "voice:signal" -> {
                    VoiceSignalEvent e = decode(frame, VoiceSignalEvent.class);
                    UUID self = me;
                    // A server may relay to the whole room: keep only what is for us and not ours.
                    if (e != null && !e.fromUserId().equals(self)
                            && (e.targetUserId() == null || self == null || e.targetUserId().equals(self))) {
                        dispatch(signalListeners, e, frame.event());
                    }
                }
                case "voice:error" -> {
                    VoiceErrorEvent e = decode(frame, VoiceErrorEvent.class);
                    if (e != null) {
                        dispatch(errorListeners, e, frame.event());
                    }
                }
                default -> {
                    // Unknown events are ignored: the gateway may add events in any minor version.
                }
            }
        }

        /** A bare map keyed by user id: it has no required keys to check, only a shape. */
        private VoicePresenceState roster(Frame frame) {
            try {
                return realtime.mapper().treeToValue(frame.payload(), VoicePresenceState.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                realtime.reportError(new RealtimeException("skipped voice:presence_state on " + topic
                        + ": payload does not match VoicePresenceState", e));
                return null;
            }
        }

        private void add(String key, VoicePresenceEntry entry) {
            UUID id;
            try {
                id = UUID.fromString(key);
            } catch (IllegalArgumentException e) {
                return;
            }
            // The first meta describes the participant, as every Poolse client reads it.
            VoicePresenceMeta meta = entry == null || entry.metas() == null || entry.metas().isEmpty()
                    ? null : entry.metas().get(0);
            roster.put(id, new VoiceParticipant(id, meta != null && Boolean.TRUE.equals(meta.muteState()),
                    meta != null && Boolean.TRUE.equals(meta.speakingState()),
                    meta == null || meta.joinedAt() == null ? 0 : meta.joinedAt()));
        }

        private void update(UUID userId, java.util.function.UnaryOperator<VoiceParticipant> change) {
            VoiceParticipant p = roster.get(userId);
            if (p != null) {
                roster.put(userId, change.apply(p));
                publish();
            }
        }

        private void publish() {
            Map<UUID, VoiceParticipant> snapshot = Collections.unmodifiableMap(new LinkedHashMap<>(roster));
            if (current() == this) {
                participants = snapshot;
            }
            dispatch(participantListeners, snapshot, "voice:participants");
        }
    }

    private static String reason(JsonNode response) {
        return response != null && response.path("reason").isTextual() ? response.path("reason").asText()
                : String.valueOf(response);
    }
}
