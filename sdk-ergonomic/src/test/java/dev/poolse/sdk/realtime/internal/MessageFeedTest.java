package dev.poolse.sdk.realtime.internal;

import static dev.poolse.sdk.realtime.internal.FakeBackend.message;
import static dev.poolse.sdk.realtime.internal.FakeBackend.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Message;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MessageFeedTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeBackend backend = new FakeBackend();
    private final RecordingSink sink = new RecordingSink();
    private final List<String> out = sink.out;
    private final List<RealtimeException> errors = sink.errors;
    private final MessageFeed feed = new MessageFeed(UUID.randomUUID(), backend, scheduler, Backoff.rejoin(), sink);

    private void live(Message m) {
        feed.onMessage(m);
        scheduler.runReady();
    }

    private void join() {
        feed.onJoined();
        scheduler.runReady();
    }

    @Test
    void firstJoinTakesNewestSequenceAsBaselineAndDeliversOnlyLaterMessages() {
        backend.post(1, 2, 3);
        join();
        assertThat(feed.lastSequence()).isEqualTo(3L);
        assertThat(out).isEmpty();
        live(message(4));
        assertThat(out).containsExactly("m4");
    }

    @Test
    void liveMessageThatSkipsASequenceTriggersFetchAndOrderedDelivery() {
        backend.post(1);
        join();
        backend.post(2, 3, 4);
        live(message(4));
        assertThat(out).containsExactly("m2", "m3", "m4");
        assertThat(backend.calls).last().isEqualTo("4/100");
    }

    @Test
    void rejoinFetchesEverythingMissedAcrossSeveralPages() {
        join();
        backend.post(LongStream.rangeClosed(1, 250).toArray());
        join();
        assertThat(out).hasSize(250);
        assertThat(out.get(0)).isEqualTo("m1");
        assertThat(out.get(249)).isEqualTo("m250");
        assertThat(backend.calls).containsExactly("null/1", "null/100", "151/100", "51/100");
    }

    @Test
    void liveCopiesOfFetchedMessagesAreNotDeliveredTwice() {
        join();
        backend.post(1, 2);
        join();
        live(message(2));
        live(message(1));
        live(message(3));
        assertThat(out).containsExactly("m1", "m2", "m3");
    }

    @Test
    void liveEventsArrivingDuringFetchWaitAndKeepTheirOrder() {
        join();
        backend.post(1, 2);
        backend.parked = new ArrayList<>();
        live(message(2));
        feed.onEvent(() -> out.add("updated-2"));
        live(message(3));
        assertThat(out).isEmpty();
        backend.parked.forEach(Runnable::run);
        scheduler.runReady();
        assertThat(out).containsExactly("m1", "m2", "updated-2", "m3");
    }

    @Test
    void threadRepliesAreDeliveredAtOnceAndDoNotLookLikeGaps() {
        backend.post(1);
        join();
        live(reply(2, 1));
        live(message(3));
        assertThat(out).containsExactly("r2", "m3");
        // The reply's sequence is absent from the main feed: one check over REST, then move on.
        assertThat(backend.calls).containsExactly("null/1", "3/100");
        live(message(4));
        assertThat(backend.calls).hasSize(2);
    }

    @Test
    void duplicateReplyIsDeliveredOnce() {
        join();
        live(reply(5, 1));
        live(reply(5, 1));
        assertThat(out).containsExactly("r5");
    }

    @Test
    void failedFetchIsReportedAndRetriedWithBackoff() {
        join();
        backend.post(1, 2);
        backend.failuresLeft = 2;
        join();
        assertThat(out).isEmpty();
        assertThat(errors).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(errors).hasSize(2);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(out).containsExactly("m1", "m2");
    }

    @Test
    void overflowWhileFetchingKeepsMemoryBoundedAndStillDeliversEverything() {
        join();
        backend.parked = new ArrayList<>();
        int total = MessageFeed.HELD_LIMIT + 500;
        backend.post(LongStream.rangeClosed(1, total).toArray());
        live(message(2)); // gap: fetch parked, everything after is held
        for (long s = 3; s <= total; s++) {
            live(message(s));
        }
        List<Runnable> parked = backend.parked;
        backend.parked = null;
        parked.forEach(Runnable::run);
        scheduler.runReady();
        assertThat(out).hasSize(total);
        assertThat(out.get(total - 1)).isEqualTo("m" + total);
        assertThat(out).doesNotHaveDuplicates();
    }

    @Test
    void messageArrivingDuringTheBaselineReadIsDelivered() {
        backend.parked = new ArrayList<>();
        feed.onJoined();
        scheduler.runReady();
        backend.post(1);
        live(message(1)); // posted right after the join, before the baseline read answered
        backend.parked.forEach(Runnable::run);
        scheduler.runReady();
        assertThat(out).containsExactly("m1");
        assertThat(feed.lastSequence()).isEqualTo(1L);
    }

    @Test
    void messageCommittedAfterTheGapFetchIsDeliveredLateExactlyOnce() {
        join();
        backend.post(2);
        live(message(2)); // sequence 1 is not committed yet when the gap is fetched
        assertThat(out).containsExactly("m2");
        live(message(1));
        live(message(1));
        live(message(2));
        assertThat(out).containsExactly("m2", "m1");
    }

    @Test
    void stoppedFeedDeliversNothing() {
        join();
        feed.stop();
        live(message(1));
        assertThat(out).isEmpty();
    }

    @Test
    void everyMessageExactlyOnceInOrderAcrossRandomDropsAndReorders() {
        join();
        java.util.Random random = new java.util.Random(42);
        long next = 1;
        for (int round = 0; round < 30; round++) {
            int burst = 1 + random.nextInt(5);
            for (int i = 0; i < burst; i++) {
                long seq = next++;
                backend.post(seq);
                if (random.nextInt(3) > 0) {
                    live(message(seq)); // the rest were lost while "disconnected"
                }
            }
            if (random.nextBoolean()) {
                join();
            }
        }
        join();
        assertThat(out).containsExactlyElementsOf(LongStream.range(1, next).mapToObj(s -> "m" + s).toList());
    }
}
