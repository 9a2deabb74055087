package dev.poolse.sdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AttemptThreadsTest {
    private static final String PREFIX = "attempt-threads-test-";
    private final AtomicInteger made = new AtomicInteger();
    private final ThreadFactory factory = r -> {
        Thread t = new Thread(r, PREFIX + made.incrementAndGet());
        t.setDaemon(true);
        return t;
    };

    private static long alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(PREFIX) && t.isAlive())
                .count();
    }

    @Test
    void aSaturatedPoolRefusesAtOnceInsteadOfQueueing() throws Exception {
        AttemptThreads threads = new AttemptThreads(2, Duration.ofSeconds(30), factory);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        try {
            for (int i = 0; i < 2; i++) {
                assertThat(threads.tryExecute(() -> {
                    running.countDown();
                    hold(release);
                })).isTrue();
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).as("both tasks running").isTrue();
            AtomicInteger ranLater = new AtomicInteger();

            assertThat(threads.tryExecute(ranLater::incrementAndGet)).as("a third task while both are busy").isFalse();

            release.countDown();
            // Once a thread is free again, it takes the next task.
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.tryExecute(() -> { }));
            assertThat(ranLater).as("the refused task never runs").hasValue(0);
            assertThat(made).as("threads started").hasValueLessThanOrEqualTo(2);
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void sequentialTasksReuseAThread() throws Exception {
        AttemptThreads threads = new AttemptThreads(100, Duration.ofSeconds(30), factory);
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < 100; i++) {
                CountDownLatch done = new CountDownLatch(1);
                assertThat(threads.tryExecute(() -> {
                    ranOn.add(Thread.currentThread().getName());
                    done.countDown();
                })).isTrue();
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            }
            // A thread just finishing its last task may not be idle yet, and then another one starts;
            // once there are a few, one of them is always idle. One per task would be 100.
            assertThat(made).as("threads started for 100 tasks").hasValueLessThan(20);
            assertThat(ranOn).allMatch(name -> name.startsWith(PREFIX));
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void idleThreadsExitAfterTheKeepAlive() throws Exception {
        AttemptThreads threads = new AttemptThreads(4, Duration.ofMillis(50), factory);
        try {
            CountDownLatch done = new CountDownLatch(3);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 3; i++) {
                assertThat(threads.tryExecute(() -> {
                    hold(release);
                    done.countDown();
                })).isTrue();
            }
            assertThat(threads.threads()).isEqualTo(3);
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> threads.threads() == 0 && alive() == 0);
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void shutdownRefusesNewTasksAndEndsIdleThreads() throws Exception {
        AttemptThreads threads = new AttemptThreads(4, Duration.ofSeconds(30), factory);
        CountDownLatch done = new CountDownLatch(1);
        assertThat(threads.tryExecute(done::countDown)).isTrue();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        threads.shutdown();

        assertThat(threads.tryExecute(() -> { })).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> alive() == 0);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
