package dev.poolse.sdk.realtime.phoenix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceMergeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Map<String, List<JsonNode>> state(String json) {
        try {
            return PresenceMerge.parse(MAPPER.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<String> refs(Map<String, List<JsonNode>> s, String key) {
        return s.getOrDefault(key, List.of()).stream().map(m -> m.get("phx_ref").asText()).toList();
    }

    private static PresenceMerge.Diff<JsonNode> diff(String joins, String leaves) {
        return new PresenceMerge.Diff<>(state(joins), state(leaves));
    }

    @Test
    void secondDeviceOfSameUserIsKeptBesideFirst() {
        var s = PresenceMerge.applyDiff(state("{'u1':{'metas':[{'phx_ref':'a'}]}}"),
                diff("{'u1':{'metas':[{'phx_ref':'b'}]}}", "{}"));
        assertThat(refs(s, "u1")).containsExactly("a", "b");
    }

    @Test
    void leaveRemovesOnlyTheLeavingDevice() {
        var s = PresenceMerge.applyDiff(state("{'u1':{'metas':[{'phx_ref':'a'},{'phx_ref':'b'}]}}"),
                diff("{}", "{'u1':{'metas':[{'phx_ref':'a'}]}}"));
        assertThat(refs(s, "u1")).containsExactly("b");
    }

    @Test
    void userDisappearsWhenLastDeviceLeaves() {
        var s = PresenceMerge.applyDiff(state("{'u1':{'metas':[{'phx_ref':'a'}]},'u2':{'metas':[{'phx_ref':'c'}]}}"),
                diff("{}", "{'u1':{'metas':[{'phx_ref':'a'}]}}"));
        assertThat(s).containsOnlyKeys("u2");
    }

    @Test
    void updateArrivesAsJoinOfNewMetaAndLeaveOfOld() {
        var s = PresenceMerge.applyDiff(state("{'u1':{'metas':[{'phx_ref':'a','status':'away'}]}}"),
                diff("{'u1':{'metas':[{'phx_ref':'a2','status':'online'}]}}", "{'u1':{'metas':[{'phx_ref':'a'}]}}"));
        assertThat(refs(s, "u1")).containsExactly("a2");
        assertThat(s.get("u1").get(0).get("status").asText()).isEqualTo("online");
    }

    @Test
    void leaveOfUnknownUserIsIgnored() {
        var s = PresenceMerge.applyDiff(state("{'u1':{'metas':[{'phx_ref':'a'}]}}"),
                diff("{}", "{'u9':{'metas':[{'phx_ref':'z'}]}}"));
        assertThat(s).containsOnlyKeys("u1");
    }

    @Test
    void reconcileReportsVanishedAndNewMetas() {
        var d = PresenceMerge.reconcile(
                state("{'u1':{'metas':[{'phx_ref':'a'},{'phx_ref':'b'}]},'u2':{'metas':[{'phx_ref':'c'}]}}"),
                state("{'u1':{'metas':[{'phx_ref':'b'},{'phx_ref':'d'}]},'u3':{'metas':[{'phx_ref':'e'}]}}"));
        assertThat(refs(d.joins(), "u1")).containsExactly("d");
        assertThat(refs(d.joins(), "u3")).containsExactly("e");
        assertThat(refs(d.leaves(), "u1")).containsExactly("a");
        assertThat(refs(d.leaves(), "u2")).containsExactly("c");
    }

    @Test
    void malformedEntriesAreSkippedNotFatal() {
        var s = state("{'u1':{'metas':[{'phx_ref':'a'}, 5]},'u2':{'nometas':1},'u3':7}");
        assertThat(s).containsOnlyKeys("u1");
        assertThat(refs(s, "u1")).containsExactly("a");
    }
}
