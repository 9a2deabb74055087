package dev.poolse.sdk.realtime.internal;

import static dev.poolse.sdk.realtime.internal.FakeBackend.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.model.Message;
import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.ResyncRequiredException;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link MessageFeed} against a server that numbers its events with revisions. */
class RevisionFeedTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeBackend backend = new FakeBackend();
    private final RecordingSink sink = new RecordingSink();
    private final List<String> out = sink.out;
    private final List<RealtimeException> errors = sink.errors;

    private MessageFeed feed = feed(null);

    private MessageFeed feed(Long resumeAfter) {
        return new MessageFeed(UUID.randomUUID(), backend, scheduler, Backoff.rejoin(), sink, resumeAfter);
    }

    private void join(long revision) {
        feed.onJoined(revision);
        scheduler.runReady();
    }

    /** The live copy of event {@code revision} of the backend's log, as the socket would bring it. */
    private void live(long revision) {
        var e = backend.events.get((int) revision - 1);
        Map<?, ?> p = e.getPayload();
        if (e.getEvent().getValue().equals("message:new")) {
            feed.onMessage(message(((Number) p.get("sequence")).longValue()).revision(revision));
        } else {
            String text = e.getEvent().getValue() + " " + p.get("label");
            feed.onEvent(() -> out.add(text), revision);
        }
        scheduler.runReady();
    }

    @Test
    void firstJoinTakesTheJoinRevisionWithoutAnyRestCall() {
        backend.newMessage(1);
        join(1);
        live(backend.newMessage(2));
        assertThat(out).containsExactly("m2");
        assertThat(backend.calls).isEmpty();
        assertThat(backend.eventCalls).isEmpty();
        assertThat(feed.revision()).isEqualTo(2L);
    }

    @Test
    void rejoinReplaysMissedEventsOfEveryKindInRevisionOrder() {
        backend.newMessage(1);
        join(1);
        backend.event("message:updated", "m1-edited");
        backend.event("reaction:added", "m1-thumbs");
        backend.newMessage(2);
        backend.event("message:deleted", "m1");
        backend.event("member:read", "bob-m2");
        join(6);
        assertThat(out).containsExactly("message:updated m1-edited", "reaction:added m1-thumbs", "m2",
                "message:deleted m1", "member:read bob-m2");
        assertThat(backend.eventCalls).containsExactly("1/" + MessageFeed.REPLAY_PAGE_SIZE);
    }

    @Test
    void rejoinAtTheSameRevisionMakesNoRestCall() {
        join(0);
        live(backend.newMessage(1));
        join(1);
        assertThat(backend.eventCalls).isEmpty();
        assertThat(out).containsExactly("m1");
    }

    @Test
    void liveCopiesOfReplayedEventsAreDroppedAsDuplicates() {
        join(0);
        backend.newMessage(1);
        backend.event("reaction:added", "x");
        join(2);
        live(1);
        live(2);
        live(backend.event("reaction:removed", "x"));
        assertThat(out).containsExactly("m1", "reaction:added x", "reaction:removed x");
    }

    @Test
    void liveEventThatSkipsARevisionIsHeldUntilTheMissingOnesAreReplayed() {
        join(0);
        backend.newMessage(1);
        backend.event("message:updated", "m1");
        long third = backend.event("reaction:added", "m1");
        live(third);
        assertThat(out).containsExactly("m1", "message:updated m1", "reaction:added m1");
        assertThat(feed.revision()).isEqualTo(3L);
    }

    @Test
    void liveEventsDuringAReplayWaitAndKeepTheirOrder() {
        join(0);
        backend.newMessage(1);
        backend.parkedEvents = new ArrayList<>();
        join(1);
        live(backend.event("reaction:added", "m1"));
        feed.onEvent(() -> out.add("typing"), null);
        scheduler.runReady();
        assertThat(out).isEmpty();
        backend.parkedEvents.forEach(Runnable::run);
        scheduler.runReady();
        assertThat(out).containsExactly("m1", "reaction:added m1", "typing");
    }

    @Test
    void replayPagesUntilTheServerHasNoMore() {
        join(0);
        for (int i = 0; i < 1200; i++) {
            backend.event("reaction:added", "r" + i);
        }
        join(1200);
        assertThat(out).hasSize(1200).doesNotHaveDuplicates();
        assertThat(out.get(1199)).isEqualTo("reaction:added r1199");
        assertThat(backend.eventCalls).containsExactly("0/500", "500/500", "1000/500");
    }

    @Test
    void eventsNobodyListensToStillAdvanceTheRevision() {
        join(0);
        backend.event("member:read", "a");
        feed.onEvent(MessageFeed.SKIP, 1L);
        scheduler.runReady();
        live(backend.event("member:read", "b"));
        assertThat(out).containsExactly("member:read b");
        assertThat(backend.eventCalls).isEmpty();
    }

    @Test
    void failedReplayIsReportedAndRetriedWithBackoff() {
        join(0);
        backend.event("message:updated", "x");
        backend.eventFailuresLeft = 1;
        join(1);
        assertThat(out).isEmpty();
        assertThat(errors).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(out).containsExactly("message:updated x");
    }

    @Test
    void expiredEventsReportResyncAndStillCatchUpTheMainFeedBySequence() {
        join(0);
        live(backend.newMessage(1));
        backend.newMessage(2);
        backend.event("reaction:added", "m2");
        backend.newMessage(3);
        backend.expiredUpTo = 2;
        join(4);
        assertThat(errors).singleElement().isInstanceOf(ResyncRequiredException.class);
        assertThat(out).containsExactly("m1", "m2", "m3");
        live(backend.newMessage(4));
        assertThat(out).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void revisionThatWentBackReportsResyncAndFollowsTheServer() {
        join(5);
        join(2);
        assertThat(errors).singleElement().isInstanceOf(ResyncRequiredException.class);
        assertThat(errors.get(0)).hasMessageContaining("went back from 5 to 2");
        assertThat(feed.revision()).isEqualTo(2L);
    }

    @Test
    void resumePointDeliversEveryMainFeedMessageAfterItThenLive() {
        feed = feed(2L);
        backend.newMessage(1);
        backend.newMessage(2);
        backend.newMessage(3);
        backend.event("reaction:added", "m3");
        backend.newMessage(4);
        join(5);
        live(backend.newMessage(5));
        assertThat(out).containsExactly("m3", "m4", "m5");
        assertThat(backend.eventCalls).isEmpty();
    }

    @Test
    void resumePointWithMessagesStoredDuringTheCatchUpDeliversEachOnce() {
        feed = feed(0L);
        backend.newMessage(1);
        backend.parked = new ArrayList<>();
        feed.onJoined(1L);
        scheduler.runReady();
        long second = backend.newMessage(2); // stored after the join, before the list answered
        live(second);
        backend.parked.forEach(Runnable::run);
        scheduler.runReady();
        assertThat(out).containsExactly("m1", "m2");
    }

    @Test
    void everyEventExactlyOnceInOrderAcrossRandomDropsAndRejoins() {
        Random random = new Random(7);
        join(0);
        for (int round = 0; round < 200; round++) {
            long revision = random.nextInt(4) == 0 ? backend.event("reaction:added", "e" + round)
                    : backend.newMessage(backend.feed.size() + 1);
            if (random.nextInt(3) > 0) {
                live(revision); // the rest were lost while disconnected
            }
            if (random.nextInt(10) == 0) {
                join(backend.events.size());
            }
        }
        join(backend.events.size());
        List<String> expected = new ArrayList<>();
        for (var e : backend.events) {
            expected.add(e.getEvent().getValue().equals("message:new") ? (String) e.getPayload().get("label")
                    : e.getEvent().getValue() + " " + e.getPayload().get("label"));
        }
        assertThat(out).containsExactlyElementsOf(expected);
    }
}
