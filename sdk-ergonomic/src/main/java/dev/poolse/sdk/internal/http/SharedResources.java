package dev.poolse.sdk.internal.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and connections every {@code Poolse} instance in the JVM shares, created with the
 * first instance and shut down when the last one closes (reference counted). This is the only
 * static state of the SDK.
 *
 * <ul>
 *   <li>{@link #http()}: one {@link HttpClient} (HTTP/1.1, connection pool), whose internal work
 *       runs on {@code poolse-http-N} threads.</li>
 *   <li>{@link #attempts()}: up to {@value AttemptThreads#MAX_THREADS} {@code poolse-rest-N} threads
 *       (idle ones exit after 30 s) that run the attempts of async calls with the blocking
 *       {@code send}; when all are busy an attempt uses {@code sendAsync} instead.</li>
 *   <li>{@link #scheduler()}: one {@code poolse-scheduler} thread for retry waits and call
 *       timeouts; nothing blocking ever runs on it.</li>
 *   <li>{@link #callbacks()}: {@code poolse-callback-N} threads (cached, idle ones exit after 30 s)
 *       that complete user-visible futures when no callback executor is configured, and run the
 *       application's token provider and user resolver, which may block.</li>
 * </ul>
 */
public final class SharedResources {
    private static final Object LOCK = new Object();
    private static SharedResources current;
    private static int references;

    private final ThreadPoolExecutor httpExecutor;
    private final HttpClient http;
    private final AttemptThreads attempts;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor callbacks;

    private SharedResources() {
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        httpExecutor = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("poolse-http-"));
        httpExecutor.allowCoreThreadTimeOut(true);
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
        attempts = new AttemptThreads(AttemptThreads.MAX_THREADS, Duration.ofSeconds(30), daemon("poolse-rest-"));
        scheduler = new ScheduledThreadPoolExecutor(1, daemon("poolse-scheduler-"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setKeepAliveTime(30, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        callbacks = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("poolse-callback-"));
    }

    /** @return the shared resources, created if this is the first reference; pair with {@link #release()} */
    public static SharedResources acquire() {
        synchronized (LOCK) {
            if (current == null) {
                current = new SharedResources();
            }
            references++;
            return current;
        }
    }

    /** Drops one reference; the last one shuts every thread down. Call exactly once per acquire. */
    public void release() {
        synchronized (LOCK) {
            if (current != this || references == 0) {
                return;
            }
            if (--references > 0) {
                return;
            }
            current = null;
        }
        scheduler.shutdownNow();
        attempts.shutdown();
        callbacks.shutdown();
        // JDK 21+ HttpClient is AutoCloseable and stops its selector thread; on 17 the selector
        // thread ends once the client is unreachable.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Best effort: nothing useful to do with a failure to close an idle client.
            }
        }
        httpExecutor.shutdown();
    }

    /** @return the number of live references, for tests */
    public static int references() {
        synchronized (LOCK) {
            return references;
        }
    }

    /** @return the shared HTTP client */
    public HttpClient http() {
        return http;
    }

    /** @return the shared threads that run async calls' attempts */
    public AttemptThreads attempts() {
        return attempts;
    }

    /** @return the shared timer thread */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the shared pool for completions and blocking application callbacks */
    public ExecutorService callbacks() {
        return callbacks;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
