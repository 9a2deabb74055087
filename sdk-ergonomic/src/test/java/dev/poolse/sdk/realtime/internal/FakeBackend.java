package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.ConversationEvent;
import dev.poolse.client.model.ConversationEventList;
import dev.poolse.client.model.Message;
import dev.poolse.sdk.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link RealtimeBackend} over an in-memory main feed; the test controls tokens and failures. */
final class FakeBackend implements RealtimeBackend {
    final TreeMap<Long, Message> feed = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    final AtomicInteger tokenCalls = new AtomicInteger();
    final AtomicInteger invalidations = new AtomicInteger();
    int failuresLeft;
    /** The user id the calls client resolves. */
    UUID userId = UUID.randomUUID();
    /** When set, listMessages futures are parked here instead of completing. */
    List<Runnable> parked;

    static Message message(long seq) {
        return new Message().id(new UUID(0, seq)).sequence(seq).body("m" + seq);
    }

    static Message reply(long seq, long root) {
        return new Message().id(new UUID(1, seq)).sequence(seq).threadRootId(new UUID(0, root)).body("r" + seq);
    }

    /** Adds main-feed messages with the given sequences. */
    FakeBackend post(long... seqs) {
        for (long s : seqs) {
            feed.put(s, message(s));
        }
        return this;
    }

    /** The conversation's durable events, revision i + 1 at index i. */
    final List<ConversationEvent> events = new ArrayList<>();
    /** Events at or below this revision are no longer kept: replays from before it answer 410. */
    long expiredUpTo;
    final List<String> eventCalls = new ArrayList<>();
    int eventFailuresLeft;
    /** When set, listEvents futures are parked here instead of completing. */
    List<Runnable> parkedEvents;

    /** Appends an event whose payload is {@code {"label": label, "revision": n}}; returns n. */
    long event(String name, String label) {
        long revision = events.size() + 1;
        events.add(new ConversationEvent().revision(revision).event(ConversationEvent.EventEnum.fromValue(name))
                .payload(new java.util.LinkedHashMap<>(java.util.Map.of("label", label, "revision", revision))));
        return revision;
    }

    /** Appends a main-feed message:new event (and the message to the feed); returns its revision. */
    long newMessage(long seq) {
        long revision = events.size() + 1;
        Message m = message(seq).revision(revision);
        feed.put(seq, m);
        events.add(new ConversationEvent().revision(revision).event(ConversationEvent.EventEnum.MESSAGE_NEW)
                .payload(new java.util.LinkedHashMap<>(java.util.Map.of("label", "m" + seq, "revision", revision,
                        "sequence", seq))));
        return revision;
    }

    @Override
    public CompletableFuture<ConversationEventList> listEvents(UUID conversationId, long afterRevision, int limit) {
        eventCalls.add(afterRevision + "/" + limit);
        CompletableFuture<ConversationEventList> f = new CompletableFuture<>();
        Runnable complete = () -> {
            if (eventFailuresLeft > 0) {
                eventFailuresLeft--;
                f.completeExceptionally(new IllegalStateException("REST down"));
                return;
            }
            if (afterRevision < expiredUpTo) {
                f.completeExceptionally(new ApiException(410, "events_expired", "gone", null, null, null, 1));
                return;
            }
            int from = (int) afterRevision;
            int to = Math.min(events.size(), from + limit);
            f.complete(new ConversationEventList().data(new ArrayList<>(events.subList(Math.min(from, to), to)))
                    .hasMore(to < events.size()).revision((long) events.size()));
        };
        if (parkedEvents != null) {
            parkedEvents.add(complete);
        } else {
            complete.run();
        }
        return f;
    }

    /** When set, currentToken() never completes (a hung token provider). */
    boolean tokenHangs;

    @Override
    public CompletableFuture<String> currentToken() {
        tokenCalls.incrementAndGet();
        if (tokenHangs) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.completedFuture("tok" + tokenCalls.get());
    }

    @Override
    public void invalidateToken() {
        invalidations.incrementAndGet();
    }

    @Override
    public CompletableFuture<List<Message>> listMessages(UUID conversationId, Long beforeSequence, int limit) {
        calls.add(beforeSequence + "/" + limit);
        CompletableFuture<List<Message>> f = new CompletableFuture<>();
        Runnable complete = () -> {
            if (failuresLeft > 0) {
                failuresLeft--;
                f.completeExceptionally(new IllegalStateException("REST down"));
                return;
            }
            List<Message> page = new ArrayList<>(
                    (beforeSequence == null ? feed : feed.headMap(beforeSequence, false)).descendingMap().values());
            page.sort(Comparator.comparing(Message::getSequence).reversed());
            f.complete(List.copyOf(page.subList(0, Math.min(limit, page.size()))));
        };
        if (parked != null) {
            parked.add(complete);
        } else {
            complete.run();
        }
        return f;
    }

    @Override
    public CompletableFuture<UUID> currentUserId() {
        return CompletableFuture.completedFuture(userId);
    }
}
