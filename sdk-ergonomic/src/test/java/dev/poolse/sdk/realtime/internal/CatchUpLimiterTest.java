package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.model.ConversationEventList;
import dev.poolse.client.model.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CatchUpLimiterTest {

    /** Records every fetch that reached the backend and leaves it pending until the test settles it. */
    private static final class PendingBackend implements RealtimeBackend {
        final List<UUID> started = new ArrayList<>();
        final List<CompletableFuture<List<Message>>> calls = new ArrayList<>();
        RuntimeException throwOnCall;
        boolean failAtOnce;

        @Override
        public CompletableFuture<String> currentToken() {
            return CompletableFuture.completedFuture("token");
        }

        @Override
        public void invalidateToken() {
        }

        @Override
        public synchronized CompletableFuture<List<Message>> listMessages(UUID id, Long before, int limit) {
            started.add(id);
            if (throwOnCall != null) {
                throw throwOnCall;
            }
            if (failAtOnce) {
                return CompletableFuture.failedFuture(new IOException("refused"));
            }
            CompletableFuture<List<Message>> f = new CompletableFuture<>();
            calls.add(f);
            return f;
        }

        final List<CompletableFuture<ConversationEventList>> replays = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<ConversationEventList> listEvents(UUID id, long after, int limit) {
            started.add(id);
            CompletableFuture<ConversationEventList> f = new CompletableFuture<>();
            replays.add(f);
            return f;
        }
    }

    @Test
    void replaysShareTheLimitWithMessageFetches() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 2);
        limiter.listEvents(id(1), 0, 500);
        limiter.listMessages(id(2), null, 1);
        CompletableFuture<ConversationEventList> queued = limiter.listEvents(id(3), 7, 500);
        assertThat(backend.started).containsExactly(id(1), id(2));
        backend.replays.get(0).complete(new ConversationEventList());
        assertThat(backend.started).containsExactly(id(1), id(2), id(3));
        ConversationEventList page = new ConversationEventList().revision(9L);
        backend.replays.get(1).complete(page);
        assertThat(queued).isCompletedWithValue(page);
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }

    @Test
    void startsNoMoreThanTheLimitAndQueuesTheRest() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 3);
        for (int i = 0; i < 10; i++) {
            limiter.listMessages(id(i), null, 1);
        }
        assertThat(backend.started).containsExactly(id(0), id(1), id(2));
        assertThat(limiter.inFlight()).isEqualTo(3);
        assertThat(limiter.waiting()).isEqualTo(7);
    }

    @Test
    void aFinishedFetchStartsTheOldestQueuedOneAndPassesItsResultOn() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 1);
        CompletableFuture<List<Message>> first = limiter.listMessages(id(1), null, 1);
        limiter.listMessages(id(2), null, 1);
        limiter.listMessages(id(3), null, 1);
        List<Message> page = List.of(new Message().sequence(7L));

        backend.calls.get(0).complete(page);

        assertThat(first).isCompletedWithValue(page);
        assertThat(backend.started).containsExactly(id(1), id(2));
        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.waiting()).isEqualTo(1);
    }

    @Test
    void aFailedFetchPassesItsFailureOnAndFreesItsSlot() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 1);
        CompletableFuture<List<Message>> first = limiter.listMessages(id(1), null, 1);
        limiter.listMessages(id(2), null, 1);

        backend.calls.get(0).completeExceptionally(new IOException("reset"));

        assertThatThrownBy(first::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(backend.started).containsExactly(id(1), id(2));
    }

    @Test
    void theSlotIsFreeAgainOnceEveryFetchHasFinished() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 2);
        limiter.listMessages(id(1), null, 1);
        limiter.listMessages(id(2), null, 1);
        backend.calls.get(0).complete(List.of());
        backend.calls.get(1).complete(List.of());

        assertThat(limiter.inFlight()).isZero();
        limiter.listMessages(id(3), null, 1);
        assertThat(backend.started).containsExactly(id(1), id(2), id(3));
    }

    @Test
    void aBackendThatThrowsFailsTheFetchWithoutLosingTheSlot() {
        PendingBackend backend = new PendingBackend();
        backend.throwOnCall = new IllegalStateException("client closed");
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 1);

        CompletableFuture<List<Message>> f = limiter.listMessages(id(1), null, 1);

        assertThatThrownBy(f::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aLongQueueOfFetchesThatFailAtOnceDrainsWithoutDeepRecursion() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 1);
        CompletableFuture<List<Message>> first = limiter.listMessages(id(0), null, 1);
        List<CompletableFuture<List<Message>>> queued = new ArrayList<>();
        for (int i = 1; i <= 50_000; i++) {
            queued.add(limiter.listMessages(id(i), null, 1));
        }
        backend.failAtOnce = true;

        backend.calls.get(0).complete(List.of());

        assertThat(first).isCompleted();
        assertThat(queued).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aFetchCancelledWhileQueuedNeverReachesTheBackend() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 1);
        limiter.listMessages(id(1), null, 1);
        limiter.listMessages(id(2), null, 1).cancel(true);
        limiter.listMessages(id(3), null, 1);

        backend.calls.get(0).complete(List.of());

        assertThat(backend.started).containsExactly(id(1), id(3));
    }

    @Test
    void closeFailsQueuedFetchesAndStartsNoMore() {
        PendingBackend backend = new PendingBackend();
        CatchUpLimiter limiter = new CatchUpLimiter(backend, 1);
        CompletableFuture<List<Message>> running = limiter.listMessages(id(1), null, 1);
        CompletableFuture<List<Message>> queued = limiter.listMessages(id(2), null, 1);

        limiter.close();
        backend.calls.get(0).complete(List.of());

        assertThatThrownBy(queued::join).isInstanceOf(CancellationException.class);
        assertThat(running).isCompleted();
        assertThat(limiter.listMessages(id(3), null, 1)).isCompletedExceptionally();
        assertThat(backend.started).containsExactly(id(1));
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThatThrownBy(() -> new CatchUpLimiter(new PendingBackend(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
