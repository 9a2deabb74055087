package dev.poolse.sdk.realtime.phoenix;

import static dev.poolse.sdk.realtime.phoenix.PresenceMergeTest.refs;
import static dev.poolse.sdk.realtime.phoenix.PresenceMergeTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {
    private final PresenceTracker<JsonNode> tracker = PresenceTracker.ofJson();

    private static PresenceMerge.Diff<JsonNode> diff(String joins, String leaves) {
        return new PresenceMerge.Diff<>(state(joins), state(leaves));
    }

    @Test
    void diffBeforeFirstStateIsQueuedThenApplied() {
        boolean applied = tracker.onDiff("1", diff("{'me':{'metas':[{'phx_ref':'m'}]}}", "{}"));
        assertThat(applied).isFalse();
        assertThat(tracker.state()).isEmpty();
        tracker.onState("1", state("{'u1':{'metas':[{'phx_ref':'a'}]}}"));
        assertThat(tracker.state()).containsOnlyKeys("u1", "me");
    }

    @Test
    void diffAfterStateOfCurrentJoinIsAppliedAtOnce() {
        tracker.onState("1", state("{'u1':{'metas':[{'phx_ref':'a'}]}}"));
        assertThat(tracker.onDiff("1", diff("{}", "{'u1':{'metas':[{'phx_ref':'a'}]}}"))).isTrue();
        assertThat(tracker.state()).isEmpty();
    }

    @Test
    void diffsAfterRejoinWaitForTheNewState() {
        tracker.onState("1", state("{'u1':{'metas':[{'phx_ref':'a'}]}}"));
        assertThat(tracker.onDiff("5", diff("{'u2':{'metas':[{'phx_ref':'x'}]}}", "{}"))).isFalse();
        assertThat(tracker.state()).containsOnlyKeys("u1");
    }

    @Test
    void stateAfterRejoinIsReconciledWithTheOldOne() {
        tracker.onState("1", state("{'u1':{'metas':[{'phx_ref':'a'},{'phx_ref':'b'}]},'u2':{'metas':[{'phx_ref':'c'}]}}"));
        var change = tracker.onState("5", state("{'u1':{'metas':[{'phx_ref':'b'}]},'u3':{'metas':[{'phx_ref':'e'}]}}"));
        assertThat(tracker.state()).containsOnlyKeys("u1", "u3");
        assertThat(refs(tracker.state(), "u1")).containsExactly("b");
        assertThat(refs(change.leaves(), "u1")).containsExactly("a");
        assertThat(change.leaves()).containsKey("u2");
        assertThat(change.joins()).containsOnlyKeys("u3");
    }
}
