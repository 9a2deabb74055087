package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.Message;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.RetryTimer;
import dev.poolse.sdk.realtime.phoenix.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Gap-free, duplicate-free delivery of one conversation's {@code message:new} events.
 *
 * <p>Keeps the highest main-feed sequence delivered. After every join (the first one only sets the
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
    }

    static final int PAGE_SIZE = 100;
    private static final int REMEMBERED_IDS = 4096;
    /** Events held during a fetch beyond this are dropped; dropped messages are fetched again. */
    static final int HELD_LIMIT = 10_000;

    private final UUID conversationId;
    private final RealtimeBackend backend;
    private final Scheduler scheduler;
    private final Sink sink;
    private final RetryTimer retryTimer;
    private final Deque<Object> held = new ArrayDeque<>();
    private final Set<UUID> delivered = new LinkedHashSet<>();
    /** Main-feed sequences a fetch found missing: only these may still arrive late, live. */
    private final TreeSet<Long> skipped = new TreeSet<>();
    private Long lastSequence;
    private boolean syncing;
    private Long syncUpTo;
    private int syncGeneration;
    private boolean stopped;
    private boolean resyncNeeded;

    MessageFeed(UUID conversationId, RealtimeBackend backend, Scheduler scheduler, Backoff retryBackoff, Sink sink) {
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.retryTimer = new RetryTimer(scheduler, retryBackoff, this::fetch);
    }

    /** Highest main-feed sequence delivered, or the baseline; {@code null} before the first join. */
    Long lastSequence() {
        return lastSequence;
    }

    /** The channel (re)joined: catch up on what the socket missed. */
    void onJoined() {
        if (stopped) {
            return;
        }
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
        if (stopped) {
            return;
        }
        if (syncing || !held.isEmpty()) {
            if (held.size() >= HELD_LIMIT) {
                sink.error(new RealtimeException("dropped a live event of conversation " + conversationId
                        + ": too many events waiting for the missed-message fetch", null));
                return;
            }
            held.addLast(dispatch);
            return;
        }
        sink.event(dispatch);
    }

    /** The channel ended: drop everything. */
    void stop() {
        stopped = true;
        syncGeneration++;
        held.clear();
        retryTimer.reset();
    }

    private void process(Message m) {
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
            if (skipped.remove(seq)) {
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
        if (!delivered.add(id)) {
            return false;
        }
        if (delivered.size() > REMEMBERED_IDS) {
            var it = delivered.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    private void startSync(Long upTo) {
        syncing = true;
        syncUpTo = upTo;
        syncGeneration++;
        retryTimer.reset();
        fetch();
    }

    private void fetch() {
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
                    skipped.add(s);
                }
            }
            while (skipped.size() > REMEMBERED_IDS) {
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

    private void failed(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        sink.error(new RealtimeException("could not fetch missed messages of conversation " + conversationId
                + ", retrying", cause));
        retryTimer.scheduleTimeout();
    }

    private void finishSync() {
        if (resyncNeeded) {
            // Live messages were dropped while holding: catch up again from the newest.
            resyncNeeded = false;
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
            } else {
                sink.event((Runnable) next);
            }
        }
    }
}
