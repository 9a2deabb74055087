package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdIsAddedOnce() {
        RecentIds ids = new RecentIds(8);
        UUID id = UUID.randomUUID();
        assertThat(ids.add(id)).isTrue();
        assertThat(ids.add(id)).isFalse();
        assertThat(ids.contains(id)).isTrue();
        assertThat(ids.size()).isEqualTo(1);
    }

    @Test
    void theOldestIdIsForgottenAtTheLimit() {
        RecentIds ids = new RecentIds(3);
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            added.add(new UUID(0, i));
            ids.add(added.get(i));
        }
        assertThat(ids.contains(added.get(0))).isFalse();
        assertThat(ids.contains(added.get(1))).isTrue();
        assertThat(ids.contains(added.get(3))).isTrue();
        assertThat(ids.size()).isEqualTo(3);
    }

    @Test
    void behavesAsAnInsertionOrderedSetOfTheLastIdsOverManyOperations() {
        // Few distinct ids, many colliding in the index, so that probing and deletion are exercised.
        Random random = new Random(42);
        for (int limit : new int[] {1, 5, 16, 17, 100}) {
            RecentIds ids = new RecentIds(limit);
            LinkedHashSet<UUID> model = new LinkedHashSet<>();
            for (int op = 0; op < 20_000; op++) {
                UUID id = new UUID(random.nextInt(3), random.nextInt(limit * 3));
                boolean expected = model.add(id);
                if (expected && model.size() > limit) {
                    Iterator<UUID> oldest = model.iterator();
                    oldest.next();
                    oldest.remove();
                }
                assertThat(ids.add(id)).as("add %s at op %d, limit %d", id, op, limit).isEqualTo(expected);
                assertThat(ids.size()).isEqualTo(model.size());
                UUID probe = new UUID(random.nextInt(3), random.nextInt(limit * 3));
                assertThat(ids.contains(probe)).as("contains %s at op %d, limit %d", probe, op, limit)
                        .isEqualTo(model.contains(probe));
            }
        }
    }
}
