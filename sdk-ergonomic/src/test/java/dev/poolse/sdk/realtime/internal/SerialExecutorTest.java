package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void runsTasksOneAtATimeInSubmissionOrderOnAPool() {
        SerialExecutor lane = new SerialExecutor(pool);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        int[] concurrent = {0};
        int[] maxConcurrent = {0};
        for (int i = 0; i < 500; i++) {
            int n = i;
            lane.execute(() -> {
                synchronized (concurrent) {
                    maxConcurrent[0] = Math.max(maxConcurrent[0], ++concurrent[0]);
                }
                seen.add(n);
                synchronized (concurrent) {
                    concurrent[0]--;
                }
            });
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 500);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(maxConcurrent[0]).isEqualTo(1);
    }

    @Test
    void slowLaneDoesNotDelayAnotherLane() throws InterruptedException {
        SerialExecutor slow = new SerialExecutor(pool);
        SerialExecutor fast = new SerialExecutor(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fastRan = new CountDownLatch(1);
        slow.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fast.execute(fastRan::countDown);
        assertThat(fastRan.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
    }

    @Test
    void listenersFallingFarBehindAreReportedOnce() throws InterruptedException {
        List<Integer> reports = new CopyOnWriteArrayList<>();
        SerialExecutor lane = new SerialExecutor(pool, reports::add);
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < SerialExecutor.BACKLOG_WARNING + 100; i++) {
            lane.execute(() -> { });
        }
        release.countDown();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).isGreaterThan(SerialExecutor.BACKLOG_WARNING);
    }

    @Test
    void throwingTaskDoesNotStopTheLane() {
        SerialExecutor lane = new SerialExecutor(pool);
        List<String> seen = new CopyOnWriteArrayList<>();
        lane.execute(() -> {
            throw new IllegalStateException("boom");
        });
        lane.execute(() -> seen.add("after"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("after"));
    }

    @Test
    void shutdownDropsQueuedAndLaterTasks() throws Exception {
        SerialExecutor lane = new SerialExecutor(pool);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        lane.execute(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lane.execute(() -> seen.add("queued"));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        lane.shutdown();
        lane.execute(() -> seen.add("late"));
        release.countDown();
        // Once the lane's own drain has ended, a queued task that was going to run has run.
        lane.whenIdle().get(5, TimeUnit.SECONDS);
        assertThat(seen).isEmpty();
    }

    @Test
    void whenIdleCompletesOnceTheRunningTaskEndsAfterShutdown() throws Exception {
        SerialExecutor lane = new SerialExecutor(pool);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] insideSawItself = {false};
        lane.execute(() -> {
            insideSawItself[0] = lane.isCurrentThread();
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lane.execute(() -> { });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        lane.shutdown();
        var idle = lane.whenIdle();
        assertThat(idle).isNotDone();
        assertThat(lane.isCurrentThread()).isFalse();
        release.countDown();
        idle.get(5, TimeUnit.SECONDS);
        assertThat(insideSawItself[0]).isTrue();
        assertThat(lane.whenIdle()).isDone();
    }

    @Test
    void enqueuedTasksWaitForStartAndThenRunInOrderOnOneHandOff() {
        List<Runnable> handedOff = new CopyOnWriteArrayList<>();
        SerialExecutor lane = new SerialExecutor(handedOff::add);
        List<Integer> seen = new ArrayList<>();
        assertThat(lane.enqueue(() -> seen.add(1))).isTrue();
        assertThat(lane.enqueue(() -> seen.add(2))).isFalse();
        lane.execute(() -> seen.add(3)); // joins the pending batch instead of starting it
        assertThat(handedOff).isEmpty();
        lane.start();
        lane.start(); // nothing pending any more
        assertThat(handedOff).hasSize(1);
        handedOff.get(0).run();
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(lane.whenIdle()).isDone();
    }

    @Test
    void shutdownOfALaneWaitingForStartMakesItIdle() {
        List<Runnable> handedOff = new CopyOnWriteArrayList<>();
        SerialExecutor lane = new SerialExecutor(handedOff::add);
        List<Integer> seen = new ArrayList<>();
        assertThat(lane.enqueue(() -> seen.add(1))).isTrue();
        var idle = lane.whenIdle();
        assertThat(idle).isNotDone();
        lane.shutdown();
        assertThat(idle).isDone();
        lane.start();
        assertThat(handedOff).isEmpty();
        assertThat(seen).isEmpty();
    }
}
