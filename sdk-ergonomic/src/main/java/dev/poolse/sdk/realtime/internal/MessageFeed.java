package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.ConversationEvent;
import dev.poolse.client.model.Message;
import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.ResyncRequiredException;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.RetryTimer;
import dev.poolse.sdk.realtime.phoenix.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Gap-free, duplicate-free delivery of one conversation's events.
 *
 * <p><b>With revisions</b> (the join reply carries {@code {"revision": n}}): every durable event
 * ({@code message:new} of the main feed and of threads, {@code message:updated},
 * {@code message:deleted}, reactions, {@code member:read}) carries the conversation's revision,
 * which grows by one per event. The feed keeps the highest revision applied. A first join takes
 * the join's revision and costs no REST call; a rejoin whose revision is higher replays what was
 * missed with {@link RealtimeBackend#listEvents} and delivers it, in revision order, through the
 * same listeners before any newer live event; a live event that skips a revision does the same;
 * an event at or below the applied revision is a duplicate and is dropped. When the server no
 * longer keeps the missed events (410) or its revision went backwards (its state was reset), the
 * feed reports {@link ResyncRequiredException}, catches the main feed up by sequence as below, and
 * carries on from the join's revision.
 *
 * <p><b>Without revisions</b> (a server that does not send them), the main feed alone is
 * gap-free: the feed keeps the highest main-feed sequence delivered. After every join (the first one only sets the
 * baseline: the newest sequence at that moment) and whenever a live main-feed message skips a
 * sequence, it fetches the missing messages with {@link RealtimeBackend#listMessages} (newest
 * first, paging back until the last delivered sequence) and delivers them in sequence order.
 * While a fetch runs, every later event of the channel is held in arrival order and released
 * after it, so no event overtakes the message it refers to. Ids already delivered are never
 * delivered again.
 *
 * <p>Thread replies ({@code thread_root_id} set) are outside the main feed and may or may not share
 * its sequence counter, so they take no part in gap detection: they are delivered as they come,
 * deduplicated by id. A sequence the main feed does not hold (a reply's, in a shared counter) is
 * therefore fetched for once and then skipped.
 *
 * <p>Confined to the scheduler thread; the backend's futures complete elsewhere and hop back.
 */
final class MessageFeed {
    /** Where the feed's output goes; called on the scheduler thread. */
    interface Sink {
        void message(Message message);

        void event(Runnable dispatch);

        void error(RealtimeException error);

        /**
         * Decodes a replayed event: a {@link Message} for {@code message:new}, a dispatch for any
         * other event, {@link #SKIP} for one nobody listens to, or {@code null} when it does not
         * decode (reported by the sink).
         */
        Object decodeReplayed(String event, Object payload);
    }

    /** A replayed or live event that advances the revision but has nothing to deliver. */
    static final Runnable SKIP = () -> { };

    /** A held non-message event with its revision ({@code null} for typing and presence). */
    private record HeldEvent(Runnable dispatch, Long revision) {
    }

    static final int PAGE_SIZE = 100;
    /** Events per replay page; the route allows up to 1,000. */
    static final int REPLAY_PAGE_SIZE = 500;
    private static final int REMEMBERED_IDS = 4096;
    /** Events held during a fetch beyond this are dropped; dropped messages are fetched again. */
    static final int HELD_LIMIT = 10_000;

    private final UUID conversationId;
    private final RealtimeBackend backend;
    private final Scheduler scheduler;
    private final Sink sink;
    private final RetryTimer retryTimer;
    private final Deque<Object> held = new ArrayDeque<>(0); // most channels never hold anything
    private final RecentIds delivered = new RecentIds(REMEMBERED_IDS);
    /** Main-feed sequences a fetch found missing: only these may still arrive late, live. */
    /** Created on first use: most channels never skip a sequence. */
    private TreeSet<Long> skipped;
    private Long lastSequence;
    /** Highest revision applied; {@code null} until a join reported one (then revision mode). */
    private Long revision;
    /** The revision of the join whose catch-up runs, taken once it completes. */
    private Long joinRevision;
    /** The revision in the latest join reply. */
    private long lastJoinRevision;
    private boolean syncing;
    private Long syncUpTo;
    private int syncGeneration;
    private boolean stopped;
    private boolean resyncNeeded;
    /** The running sync replays events (revision mode) rather than listing the main feed. */
    private boolean replayMode;

    MessageFeed(UUID conversationId, RealtimeBackend backend, Scheduler scheduler, Backoff retryBackoff, Sink sink) {
        this(conversationId, backend, scheduler, retryBackoff, sink, null);
    }

    /**
     * @param resumeAfter the main-feed sequence the application already has, or {@code null} to
     *     start at the first join: with it, the first join delivers every main-feed message after it
     */
    MessageFeed(UUID conversationId, RealtimeBackend backend, Scheduler scheduler, Backoff retryBackoff, Sink sink,
            Long resumeAfter) {
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.retryTimer = new RetryTimer(scheduler, retryBackoff, this::fetch);
        this.lastSequence = resumeAfter;
    }

    /** Highest main-feed sequence delivered, or the baseline; {@code null} before the first join. */
    Long lastSequence() {
        return lastSequence;
    }

    /** Highest revision applied, {@code null} without revisions. */
    Long revision() {
        return revision;
    }

    /** The channel (re)joined, on a server without revisions: catch up on what the socket missed. */
    void onJoined() {
        onJoined(null);
    }

    /**
     * The channel (re)joined: catch up on what the socket missed.
     *
     * @param joinRevision the revision in the join reply, or {@code null} when the server sends none
     */
    void onJoined(Long joinRevision) {
        if (stopped) {
            return;
        }
        replayMode = false;
        if (joinRevision == null) {
            revision = null;
            startSync(null);
            return;
        }
        lastJoinRevision = joinRevision;
        if (revision == null) {
            // First join in revision mode: live starts after the join's revision. Only an
            // application that gave a starting sequence needs the main feed fetched first.
            if (lastSequence == null) {
                revision = joinRevision;
                settled();
            } else {
                this.joinRevision = joinRevision;
                startSync(null);
            }
            return;
        }
        if (joinRevision < revision) {
            sink.error(new ResyncRequiredException(conversationId, "the server's revision went back from "
                    + revision + " to " + joinRevision + " (its state was reset)"));
            revision = joinRevision;
            settled();
            return;
        }
        if (joinRevision.equals(revision)) {
            settled(); // nothing was missed: no REST call
            return;
        }
        replayMode = true;
        startSync(null);
    }

    /** A live {@code message:new}. */
    void onMessage(Message message) {
        if (stopped) {
            return;
        }
        if (syncing || !held.isEmpty()) {
            if (held.size() >= HELD_LIMIT) {
                // Memory stays bounded while REST is unreachable; the message is not lost, as the
                // next catch-up starts from the last delivered sequence.
                resyncNeeded = true;
                return;
            }
            held.addLast(message);
            return;
        }
        process(message);
    }

    /** Any other live event of the channel, held while a fetch runs so that it keeps its place. */
    void onEvent(Runnable dispatch) {
        onEvent(dispatch, null);
    }

    /**
     * Any other live event of the channel, held while a fetch runs so that it keeps its place.
     *
     * @param dispatch delivers it, or {@link #SKIP} when nobody listens
     * @param eventRevision its revision, {@code null} for typing and presence
     */
    void onEvent(Runnable dispatch, Long eventRevision) {
        if (stopped) {
            return;
        }
        if (syncing || !held.isEmpty()) {
            if (held.size() >= HELD_LIMIT) {
                if (revision != null && eventRevision != null) {
                    resyncNeeded = true; // replayed again after the running sync
                    return;
                }
                sink.error(new RealtimeException("dropped a live event of conversation " + conversationId
                        + ": too many events waiting for the missed-message fetch", null));
                return;
            }
            held.addLast(eventRevision == null ? dispatch : new HeldEvent(dispatch, eventRevision));
            return;
        }
        if (revision != null && eventRevision != null && !inOrder(eventRevision, new HeldEvent(dispatch, eventRevision))) {
            return;
        }
        if (dispatch != SKIP) {
            sink.event(dispatch);
        }
    }

    /**
     * Revision mode, nothing held: whether an event with this revision is the next one (then the
     * revision advances). A duplicate is dropped; one that skips revisions is held and the missed
     * ones replayed first.
     */
    private boolean inOrder(long eventRevision, Object event) {
        if (eventRevision <= revision) {
            return false;
        }
        if (eventRevision == revision + 1) {
            revision = eventRevision;
            return true;
        }
        held.addFirst(event);
        replayMode = true;
        startSync(eventRevision);
        return false;
    }

    /** The channel ended: drop everything. */
    void stop() {
        stopped = true;
        syncGeneration++;
        held.clear();
        retryTimer.reset();
    }

    private void process(Message m) {
        if (revision != null && m.getRevision() != null) {
            if (inOrder(m.getRevision(), m)) {
                deliver(m);
            }
            return;
        }
        Long seq = m.getSequence();
        if (m.getThreadRootId() != null || seq == null || lastSequence == null) {
            deliver(m);
            return;
        }
        if (seq == lastSequence + 1) {
            deliver(m);
            return;
        }
        if (seq <= lastSequence) {
            // Already delivered (a live copy of a fetched message), unless a fetch found its
            // sequence missing: then it was committed late and is delivered now, once.
            if (skipped != null && skipped.remove(seq)) {
                deliver(m);
            }
            return;
        }
        held.addFirst(m);
        startSync(seq);
    }

    private void deliver(Message m) {
        if (m.getId() != null && !remember(m.getId())) {
            return;
        }
        if (m.getThreadRootId() == null && m.getSequence() != null
                && (lastSequence == null || m.getSequence() > lastSequence)) {
            lastSequence = m.getSequence();
        }
        sink.message(m);
    }

    private boolean remember(UUID id) {
        return delivered.add(id);
    }

    /** Ends any running fetch (its late answer is ignored) and releases what was held. */
    private void settled() {
        syncGeneration++;
        retryTimer.reset();
        finishSync();
    }

    private void startSync(Long upTo) {
        syncing = true;
        syncUpTo = upTo;
        syncGeneration++;
        retryTimer.reset();
        fetch();
    }

    private void fetch() {
        if (replayMode) {
            replayPage(syncGeneration, revision, syncUpTo);
            return;
        }
        int gen = syncGeneration;
        Long upTo = syncUpTo;
        Long from = lastSequence;
        List<Message> collected = new ArrayList<>();
        if (from == null) {
            // First join: only the baseline is needed; the listener sees what comes after it.
            backend.listMessages(conversationId, null, 1).whenComplete((page, err) -> scheduler.execute(() -> {
                if (gen != syncGeneration || stopped) {
                    return;
                }
                if (err != null) {
                    failed(err);
                    return;
                }
                long newest = page == null || page.isEmpty() || page.get(0).getSequence() == null
                        ? 0L : page.get(0).getSequence();
                if (lastSequence == null) {
                    // Messages that arrived live since the join count as new even if the baseline
                    // read already includes them.
                    for (Object h : held) {
                        if (h instanceof Message m && m.getThreadRootId() == null && m.getSequence() != null) {
                            newest = Math.min(newest, m.getSequence() - 1);
                        }
                    }
                    lastSequence = newest;
                }
                finishSync();
            }));
            return;
        }
        fetchPage(gen, from, upTo, collected);
    }

    private void fetchPage(int gen, long from, Long before, List<Message> collected) {
        backend.listMessages(conversationId, before, PAGE_SIZE).whenComplete((page, err) -> scheduler.execute(() -> {
            if (gen != syncGeneration || stopped) {
                return;
            }
            if (err != null) {
                failed(err);
                return;
            }
            List<Message> rows = page == null ? List.of() : page;
            Long oldest = null;
            for (Message m : rows) {
                Long s = m.getSequence();
                if (s == null) {
                    continue;
                }
                if (s > from && (before == null || s < before)) {
                    collected.add(m);
                }
                oldest = oldest == null ? s : Math.min(oldest, s);
            }
            boolean more = rows.size() >= PAGE_SIZE && oldest != null && oldest > from + 1;
            if (more) {
                fetchPage(gen, from, oldest, collected);
                return;
            }
            collected.sort(Comparator.comparing(Message::getSequence));
            long top = before != null ? before - 1 : collected.isEmpty() ? from : collected.get(collected.size() - 1).getSequence();
            Set<Long> found = new HashSet<>();
            for (Message m : collected) {
                found.add(m.getSequence());
            }
            // Sequences in the range that the main feed does not hold belong to thread replies (or
            // were not yet committed): nothing to wait for, but remember them in case of the latter.
            for (long s = from + 1; s <= top && s - from <= REMEMBERED_IDS; s++) {
                if (!found.contains(s)) {
                    if (skipped == null) {
                        skipped = new TreeSet<>();
                    }
                    skipped.add(s);
                }
            }
            while (skipped != null && skipped.size() > REMEMBERED_IDS) {
                skipped.pollFirst();
            }
            for (Message m : collected) {
                deliver(m);
            }
            if (lastSequence == null || top > lastSequence) {
                lastSequence = top;
            }
            finishSync();
        }));
    }

    /**
     * Fetches one page of missed events after {@code after} and delivers it; pages on until the
     * server has no more, or (for a live gap) until the held event's revision is reached.
     */
    private void replayPage(int gen, long after, Long upTo) {
        backend.listEvents(conversationId, after, REPLAY_PAGE_SIZE).whenComplete((page, err) -> scheduler.execute(() -> {
            if (gen != syncGeneration || stopped) {
                return;
            }
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                if (cause instanceof ApiException api && api.status() == 410) {
                    expired(api);
                    return;
                }
                failed(err);
                return;
            }
            long reached = after;
            if (page != null && page.getData() != null) {
                for (ConversationEvent e : page.getData()) {
                    if (e.getRevision() == null || e.getEvent() == null || e.getRevision() <= revision) {
                        continue;
                    }
                    revision = e.getRevision();
                    reached = revision;
                    Object decoded = sink.decodeReplayed(e.getEvent().getValue(), e.getPayload());
                    if (decoded instanceof Message m) {
                        deliver(m);
                    } else if (decoded instanceof Runnable r && r != SKIP) {
                        sink.event(r);
                    }
                }
            }
            boolean more = page != null && Boolean.TRUE.equals(page.getHasMore()) && reached > after
                    && (upTo == null || reached < upTo - 1);
            if (more) {
                replayPage(gen, reached, upTo);
                return;
            }
            if (upTo != null && revision < upTo - 1) {
                // The server's log has nothing between here and the held event: take it as next.
                revision = upTo - 1;
            }
            replayMode = false;
            finishSync();
        }));
    }

    /** The missed events are gone from the server: say so, and save what the main feed can give. */
    private void expired(ApiException cause) {
        sink.error(new ResyncRequiredException(conversationId, "the server no longer keeps the events after revision "
                + revision + " (" + cause.getMessage() + ")"));
        // Live resumes where the join (or the held event) stands; main-feed messages in between
        // come back through the catch-up by sequence, once the application has seen one.
        joinRevision = syncUpTo != null ? syncUpTo - 1 : lastJoinRevision;
        replayMode = false;
        syncUpTo = null;
        if (lastSequence == null) {
            finishSync();
        } else {
            fetch();
        }
    }

    private void failed(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        sink.error(new RealtimeException("could not fetch missed messages of conversation " + conversationId
                + ", retrying", cause));
        retryTimer.scheduleTimeout();
    }

    private void finishSync() {
        if (joinRevision != null) {
            // A main-feed catch-up in revision mode (a resume point) is done: live starts here.
            revision = joinRevision;
            joinRevision = null;
        }
        if (resyncNeeded) {
            // Live events were dropped while holding: catch up again.
            resyncNeeded = false;
            replayMode = revision != null;
            startSync(null);
            return;
        }
        syncing = false;
        syncUpTo = null;
        retryTimer.reset();
        while (!syncing && !held.isEmpty() && !stopped) {
            Object next = held.pollFirst();
            if (next instanceof Message m) {
                process(m);
            } else if (next instanceof HeldEvent e) {
                if (revision == null || inOrder(e.revision(), e)) {
                    if (e.dispatch() != SKIP) {
                        sink.event(e.dispatch());
                    }
                }
            } else {
                sink.event((Runnable) next);
            }
        }
    }
}
