package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.Message;
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
}
