package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.client.events.MemberReadEvent;
import dev.poolse.client.events.MessageDeletedEvent;
import dev.poolse.client.events.PresenceDiff;
import dev.poolse.client.events.PresenceEntry;
import dev.poolse.client.events.PresenceMeta;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Message;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.PresenceSnapshot;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.ResumeFrom;
import dev.poolse.sdk.realtime.ResyncRequiredException;
import dev.poolse.sdk.realtime.phoenix.Frame;
import dev.poolse.sdk.realtime.phoenix.FrameCodec;
import dev.poolse.sdk.realtime.phoenix.PresenceMerge;
import dev.poolse.sdk.realtime.phoenix.PresenceTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;
import java.util.function.Function;

/** The {@link ConversationChannel} handle. See the interface for the delivery and threading contract. */
final class DefaultConversationChannel extends ChannelBase implements ConversationChannel {
    private final UUID conversationId;
    private final ListenerSet<Message> messageNew = new ListenerSet<>();
    private final ListenerSet<Message> messageUpdated = new ListenerSet<>();
    private final ListenerSet<MessageDeletedEvent> messageDeleted = new ListenerSet<>();
    private final ListenerSet<ReactionEvent> reactionAdded = new ListenerSet<>();
    private final ListenerSet<ReactionEvent> reactionRemoved = new ListenerSet<>();
    private final ListenerSet<MemberReadEvent> memberRead = new ListenerSet<>();
    private final ListenerSet<TypingEvent> typingStart = new ListenerSet<>();
    private final ListenerSet<TypingEvent> typingStop = new ListenerSet<>();
    private final ListenerSet<PresenceSnapshot> presenceState = new ListenerSet<>();
    private final ListenerSet<PresenceDiff> presenceDiff = new ListenerSet<>();
    /** A meta's ref, as the JSON tracker reads it: the empty string when absent. */
    private static final Function<PresenceMeta, String> META_REF = m -> m.phxRef() == null ? "" : m.phxRef();
    private final PresenceTracker<PresenceMeta> presence = new PresenceTracker<>(META_REF);
    private final MessageFeed feed;
    private final ResumeFrom resumeFrom;
    // Field updaters rather than AtomicBoolean/AtomicLong objects: a channel's heap counts.
    private static final AtomicIntegerFieldUpdater<DefaultConversationChannel> START_ON_FIRST_LISTENER =
            AtomicIntegerFieldUpdater.newUpdater(DefaultConversationChannel.class, "startOnFirstListener");
    private static final AtomicLongFieldUpdater<DefaultConversationChannel> LAST_TYPING_NANOS =
            AtomicLongFieldUpdater.newUpdater(DefaultConversationChannel.class, "lastTypingNanos");
    /** 1 while the channel waits for its first onMessage listener to join. */
    private volatile int startOnFirstListener;
    private volatile long lastTypingNanos;
    private volatile boolean typedOnce;
    /** The tracker's state as last published by the engine: immutable, read on any thread. */
    private volatile Map<String, List<PresenceMeta>> presenceNow = Map.of();
    /** The last snapshot made and the state it was made from; built only when someone asks. */
    private volatile SnapshotOf lastSnapshot;
    /** Engine thread only: a presence_state has been received at least once. */
    private boolean presenceKnown;

    DefaultConversationChannel(DefaultPoolseRealtime realtime, UUID conversationId) {
        this(realtime, conversationId, ResumeFrom.firstJoin());
    }

    /**
     * @param from where {@code message:new} delivery starts; a channel with a sequence is started
     *     by its first {@code onMessage} listener
     */
    DefaultConversationChannel(DefaultPoolseRealtime realtime, UUID conversationId, ResumeFrom from) {
        super(realtime, EventNames.CONVERSATION_PREFIX + conversationId);
        this.resumeFrom = from;
        Long resumeAfter = from.lastSeenSequence().isPresent() ? from.lastSeenSequence().getAsLong() : null;
        this.startOnFirstListener = resumeAfter != null ? 1 : 0;
        this.conversationId = conversationId;
        this.feed = new MessageFeed(conversationId, realtime.backend(), realtime.scheduler(), realtime.rejoinBackoff(),
                new MessageFeed.Sink() {
                    @Override
                    public void message(Message message) {
                        dispatch(messageNew, message, EventNames.MESSAGE_NEW);
                    }

                    @Override
                    public void event(Runnable dispatch) {
                        dispatch.run();
                    }

                    @Override
                    public void error(RealtimeException error) {
                        if (error instanceof ResyncRequiredException) {
                            reportChannelError(error); // the app must act: its channel listeners hear it too
                        } else {
                            realtime.reportError(error);
                        }
                    }

                    @Override
                    public Object decodeReplayed(String event, Object payload) {
                        return replayed(event, payload);
                    }
                }, resumeAfter);
    }

    @Override
    public UUID conversationId() {
        return conversationId;
    }

    @Override
    public Subscription onMessage(Consumer<? super Message> listener) {
        Subscription s = listen(messageNew, listener);
        if (START_ON_FIRST_LISTENER.compareAndSet(this, 1, 0)) {
            realtime.startDeferred(this);
        }
        return s;
    }

    /** @return where this channel's message delivery starts */
    ResumeFrom resumeFrom() {
        return resumeFrom;
    }

    @Override
    public Subscription onMessageUpdated(Consumer<? super Message> listener) {
        return listen(messageUpdated, listener);
    }

    @Override
    public Subscription onMessageDeleted(Consumer<? super MessageDeletedEvent> listener) {
        return listen(messageDeleted, listener);
    }

    @Override
    public Subscription onReactionAdded(Consumer<? super ReactionEvent> listener) {
        return listen(reactionAdded, listener);
    }

    @Override
    public Subscription onReactionRemoved(Consumer<? super ReactionEvent> listener) {
        return listen(reactionRemoved, listener);
    }

    @Override
    public Subscription onMemberRead(Consumer<? super MemberReadEvent> listener) {
        return listen(memberRead, listener);
    }

    @Override
    public Subscription onTypingStart(Consumer<? super TypingEvent> listener) {
        return listen(typingStart, listener);
    }

    @Override
    public Subscription onTypingStop(Consumer<? super TypingEvent> listener) {
        return listen(typingStop, listener);
    }

    @Override
    public Subscription onPresenceState(Consumer<? super PresenceSnapshot> listener) {
        Objects.requireNonNull(listener, "listener");
        realtime.ensureOpen();
        // Registered and replayed on the engine thread, so the replay cannot overtake a newer state.
        Subscription[] holder = new Subscription[1];
        boolean[] cancelled = new boolean[1];
        realtime.scheduler().execute(() -> {
            synchronized (holder) {
                if (cancelled[0]) {
                    return;
                }
                holder[0] = presenceState.add(listener);
            }
            if (presenceKnown) {
                PresenceSnapshot current = presence();
                lane.execute(() -> {
                    synchronized (holder) {
                        if (cancelled[0]) {
                            return;
                        }
                    }
                    try {
                        listener.accept(current);
                    } catch (RuntimeException e) {
                        realtime.reportListenerFailure(topic, EventNames.PRESENCE_STATE, e);
                    }
                });
            }
        });
        return () -> {
            Subscription s;
            synchronized (holder) {
                cancelled[0] = true;
                s = holder[0];
            }
            if (s != null) {
                s.close();
            }
        };
    }

    @Override
    public Subscription onPresenceDiff(Consumer<? super PresenceDiff> listener) {
        return listen(presenceDiff, listener);
    }

    @Override
    public PresenceSnapshot presence() {
        return snapshotOf(presenceNow);
    }

    private record SnapshotOf(Map<String, List<PresenceMeta>> state, PresenceSnapshot snapshot) {}

    private PresenceSnapshot snapshotOf(Map<String, List<PresenceMeta>> state) {
        SnapshotOf last = lastSnapshot;
        if (last != null && last.state() == state) {
            return last.snapshot();
        }
        PresenceSnapshot made = state.isEmpty() ? PresenceSnapshot.EMPTY : new PresenceSnapshot(state);
        lastSnapshot = new SnapshotOf(state, made); // a race makes an equal snapshot twice, no harm
        return made;
    }

    @Override
    public void sendTyping() {
        realtime.ensureOpen();
        long now = realtime.scheduler().nanoTime();
        long interval = realtime.settings().typingInterval().toNanos();
        long last = lastTypingNanos;
        if (typedOnce && now - last < interval) {
            return;
        }
        if (!LAST_TYPING_NANOS.compareAndSet(this, last, now)) {
            return; // another thread just sent one
        }
        typedOnce = true;
        realtime.scheduler().execute(() -> {
            if (phoenix != null && !leaving) {
                phoenix.push(EventNames.TYPING, realtime.mapper().createObjectNode());
            }
        });
    }

    @Override
    public void onJoined(JsonNode response, boolean rejoin) {
        JsonNode revision = response == null ? null : response.get("revision");
        feed.onJoined(revision != null && revision.canConvertToLong() ? revision.asLong() : null);
    }

    @Override
    void onStopped() {
        feed.stop();
        presence.clear();
    }

    @Override
    public FrameCodec.PayloadReader payloadReader(String event) {
        // Typed straight from the frame only where the value will be used: message:new always
        // (the feed orders it), the others while they have listeners; the rest stay trees.
        return switch (event) {
            case EventNames.MESSAGE_NEW -> realtime.payloadReader(Message.class);
            case EventNames.MESSAGE_UPDATED -> readerIfHeard(messageUpdated, Message.class);
            case EventNames.MESSAGE_DELETED -> readerIfHeard(messageDeleted, MessageDeletedEvent.class);
            case EventNames.REACTION_ADDED -> readerIfHeard(reactionAdded, ReactionEvent.class);
            case EventNames.REACTION_REMOVED -> readerIfHeard(reactionRemoved, ReactionEvent.class);
            case EventNames.MEMBER_READ -> readerIfHeard(memberRead, MemberReadEvent.class);
            case EventNames.TYPING_START -> readerIfHeard(typingStart, TypingEvent.class);
            case EventNames.TYPING_STOP -> readerIfHeard(typingStop, TypingEvent.class);
            case EventNames.PRESENCE_DIFF -> realtime.payloadReader(PresenceDiff.class); // the tracker needs every diff
            default -> null;
        };
    }

    private FrameCodec.PayloadReader readerIfHeard(ListenerSet<?> listeners, Class<?> type) {
        return listeners.isEmpty() ? null : realtime.payloadReader(type);
    }

    @Override
    public void onEvent(Frame frame) {
        switch (frame.event()) {
            case EventNames.MESSAGE_NEW -> {
                Message m = frame.value() instanceof Message typed ? typed : decode(frame, Message.class);
                if (m != null) {
                    feed.onMessage(m);
                }
            }
            case EventNames.MESSAGE_UPDATED -> held(frame, Message.class, messageUpdated, Message::getRevision);
            case EventNames.MESSAGE_DELETED ->
                    held(frame, MessageDeletedEvent.class, messageDeleted, MessageDeletedEvent::revision);
            case EventNames.REACTION_ADDED -> held(frame, ReactionEvent.class, reactionAdded, ReactionEvent::revision);
            case EventNames.REACTION_REMOVED ->
                    held(frame, ReactionEvent.class, reactionRemoved, ReactionEvent::revision);
            case EventNames.MEMBER_READ -> held(frame, MemberReadEvent.class, memberRead, MemberReadEvent::revision);
            case EventNames.TYPING_START -> held(frame, TypingEvent.class, typingStart, t -> null);
            case EventNames.TYPING_STOP -> held(frame, TypingEvent.class, typingStop, t -> null);
            case EventNames.PRESENCE_STATE -> onPresenceStateFrame(frame);
            case EventNames.PRESENCE_DIFF -> onPresenceDiffFrame(frame);
            default -> {
                // Unknown events are ignored: the gateway may add events in any minor version.
            }
        }
    }

    /**
     * An event that takes its place in revision order: read typed from the frame when it was, else
     * from the frame's tree (which also reports a payload that does not fit).
     */
    private <T> void held(Frame frame, Class<T> type, ListenerSet<T> listeners, Function<T, Long> revisionOf) {
        T typed = type.isInstance(frame.value()) ? type.cast(frame.value()) : null;
        Long revision;
        if (typed != null) {
            revision = revisionOf.apply(typed);
        } else {
            JsonNode rev = frame.payload().get("revision");
            revision = rev != null && rev.canConvertToLong() ? rev.asLong() : null;
        }
        // The revision counts even with no listener, so that the next event is not taken for a gap.
        if (listeners.isEmpty()) {
            if (revision != null) {
                feed.onEvent(MessageFeed.SKIP, revision);
            }
            return;
        }
        T value = typed != null ? typed : decode(frame, type);
        if (value != null) {
            feed.onEvent(() -> dispatch(listeners, value, frame.event()), revision);
        } else if (revision != null) {
            feed.onEvent(MessageFeed.SKIP, revision); // reported by decode; its place is still taken
        }
    }

    /** Decodes a replayed event for the feed, as {@link #onEvent} would have decoded it live. */
    private Object replayed(String event, Object payload) {
        Frame frame = new Frame(null, null, topic, event, PlainJson.toTree(payload));
        return switch (event) {
            case EventNames.MESSAGE_NEW -> decode(frame, Message.class);
            case EventNames.MESSAGE_UPDATED -> replayedDispatch(frame, Message.class, messageUpdated);
            case EventNames.MESSAGE_DELETED -> replayedDispatch(frame, MessageDeletedEvent.class, messageDeleted);
            case EventNames.REACTION_ADDED -> replayedDispatch(frame, ReactionEvent.class, reactionAdded);
            case EventNames.REACTION_REMOVED -> replayedDispatch(frame, ReactionEvent.class, reactionRemoved);
            case EventNames.MEMBER_READ -> replayedDispatch(frame, MemberReadEvent.class, memberRead);
            default -> MessageFeed.SKIP; // an event kind this version does not know
        };
    }

    private <T> Runnable replayedDispatch(Frame frame, Class<T> type, ListenerSet<T> listeners) {
        if (listeners.isEmpty()) {
            return MessageFeed.SKIP;
        }
        T value = decode(frame, type);
        return value == null ? null : () -> dispatch(listeners, value, frame.event());
    }

    private void onPresenceStateFrame(Frame frame) {
        presence.onState(phoenix.joinRef(), typedMetas(PresenceMerge.parse(frame.payload())));
        presenceKnown = true;
        presenceNow = presence.state();
        if (!presenceState.isEmpty()) {
            dispatch(presenceState, snapshotOf(presence.state()), EventNames.PRESENCE_STATE);
        }
    }

    private void onPresenceDiffFrame(Frame frame) {
        PresenceDiff typed = frame.value() instanceof PresenceDiff value ? value : null;
        PresenceMerge.Diff<PresenceMeta> diff = typed != null
                ? new PresenceMerge.Diff<>(metasOf(typed.joins()), metasOf(typed.leaves()))
                : new PresenceMerge.Diff<>(typedMetas(PresenceMerge.parse(frame.payload().path("joins"))),
                        typedMetas(PresenceMerge.parse(frame.payload().path("leaves"))));
        if (presence.onDiff(phoenix.joinRef(), diff)) {
            presenceNow = presence.state();
            if (!presenceDiff.isEmpty()) {
                PresenceDiff value = typed != null ? typed : decode(frame, PresenceDiff.class);
                if (value != null) {
                    dispatch(presenceDiff, value, EventNames.PRESENCE_DIFF);
                }
            }
        }
    }

    /** The metas of a typed diff side; entries without metas are skipped, as in a JSON one. */
    private static Map<String, List<PresenceMeta>> metasOf(Map<String, PresenceEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return Map.of();
        }
        Map<String, List<PresenceMeta>> out = new LinkedHashMap<>();
        entries.forEach((key, entry) -> {
            if (entry != null && entry.metas() != null) {
                List<PresenceMeta> metas = new ArrayList<>(entry.metas().size());
                for (PresenceMeta meta : entry.metas()) {
                    if (meta != null) {
                        metas.add(meta);
                    }
                }
                out.put(key, metas);
            }
        });
        return out;
    }

    /** JSON metas read into records; one that does not fit is reported and left out. */
    private Map<String, List<PresenceMeta>> typedMetas(Map<String, List<JsonNode>> state) {
        Map<String, List<PresenceMeta>> out = new LinkedHashMap<>();
        state.forEach((key, metas) -> {
            List<PresenceMeta> list = new ArrayList<>(metas.size());
            for (JsonNode meta : metas) {
                try {
                    list.add(realtime.mapper().treeToValue(meta, PresenceMeta.class));
                } catch (Exception e) {
                    realtime.reportError(new RealtimeException("skipped a malformed presence meta on " + topic, e));
                }
            }
            out.put(key, list);
        });
        return out;
    }
}
