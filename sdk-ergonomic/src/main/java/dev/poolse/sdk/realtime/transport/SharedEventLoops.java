package dev.poolse.sdk.realtime.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide threads shared by every realtime client that does not bring its own: one Netty
 * event-loop group (I/O, protocol engines, timers) and one callback pool (user listeners).
 * Reference-counted: created by the first {@link #acquire()}, shut down when the last lease is
 * released, so an application that closes all its clients keeps no SDK thread.
 *
 * <p>Threads are daemons named {@value #IO_THREAD_PREFIX}N and {@value #CALLBACK_THREAD_PREFIX}N.
 */
public final class SharedEventLoops {
    /** Name prefix of the I/O threads. */
    public static final String IO_THREAD_PREFIX = "poolse-realtime-io-";
    private static final String IO_POOL_NAME = "poolse-realtime-io";
    /** Name prefix of the default callback threads. */
    public static final String CALLBACK_THREAD_PREFIX = "poolse-realtime-callback-";

    private static final Object LOCK = new Object();
    private static int refs;
    private static EventLoopGroup group;
    private static ExecutorService callbacks;

    private SharedEventLoops() {}

    /** One client's hold on the shared threads. Release exactly once. */
    public static final class Lease {
        private final EventLoopGroup group;
        private final ExecutorService callbacks;
        private boolean released;

        private Lease(EventLoopGroup group, ExecutorService callbacks) {
            this.group = group;
            this.callbacks = callbacks;
        }

        /**
         * The shared event-loop group.
         *
         * @return the group
         */
        public EventLoopGroup group() {
            return group;
        }

        /**
         * The shared callback pool.
         *
         * @return the pool
         */
        public ExecutorService callbacks() {
            return callbacks;
        }

        /**
         * Gives the threads back; the last release shuts them down and waits (bounded) for them to
         * end, unless called from one of those threads.
         */
        public void release() {
            EventLoopGroup g = null;
            ExecutorService c = null;
            synchronized (LOCK) {
                if (released) {
                    return;
                }
                released = true;
                refs--;
                if (refs == 0) {
                    g = group;
                    c = callbacks;
                    SharedEventLoops.group = null;
                    SharedEventLoops.callbacks = null;
                }
            }
            if (g != null) {
                shutdown(g, c);
            }
        }
    }

    /**
     * Takes a lease on the shared threads, creating them if needed.
     *
     * @return the lease
     */
    @SuppressWarnings("deprecation") // NioEventLoopGroup: see below
    public static Lease acquire() {
        synchronized (LOCK) {
            if (refs == 0) {
                int ioThreads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
                // NioEventLoopGroup is deprecated in Netty 4.2 but exists in 4.1 too: the SDK must
                // run on the Netty 4.1 that Spring Boot 3.5's dependency management selects.
                group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory(IO_POOL_NAME, true));
                callbacks = newCallbackPool();
            }
            refs++;
            return new Lease(group, callbacks);
        }
    }

    private static ExecutorService newCallbackPool() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, CALLBACK_THREAD_PREFIX + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // Cached: one slow listener occupies only its own channel's lane, never blocks others.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    private static void shutdown(EventLoopGroup g, ExecutorService c) {
        g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        c.shutdown();
        String current = Thread.currentThread().getName();
        if (current.startsWith(IO_THREAD_PREFIX) || current.startsWith(CALLBACK_THREAD_PREFIX)) {
            return;
        }
        try {
            g.terminationFuture().await(5, TimeUnit.SECONDS);
            if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
                c.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
