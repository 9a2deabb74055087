package dev.poolse.sdk;

import dev.poolse.sdk.internal.http.Calls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-through cache of display profiles from your {@link UserResolver}, keyed by external id.
 * Obtain with {@link Poolse#users()}. Thread-safe.
 *
 * <ul>
 *   <li>Concurrent {@link #get} calls for one id share one resolver call.</li>
 *   <li>Found and not-found answers stay until {@link #invalidate} / {@link #invalidateAll}, or
 *       until evicted: the cache keeps the most recently used entries up to its size.</li>
 *   <li>A resolver failure is remembered only briefly (the failure TTL) so a flapping directory is
 *       not hammered, then the next {@code get} asks again.</li>
 *   <li>Listeners run on the callback executor, one at a time per change; one that throws is logged
 *       and does not stop the others.</li>
 *   <li>Any exception the resolver throws, checked or not, reaches the caller as a
 *       {@link PoolseException} ("user resolver failed for bob") with the resolver's exception as
 *       its cause.</li>
 *   <li>After the client's {@link Poolse#close()} every method throws
 *       {@link IllegalStateException} ({@value Poolse#CLOSED_MESSAGE}); {@link #getAsync} returns a
 *       future completed exceptionally with it.</li>
 * </ul>
 *
 * <pre>{@code
 * Optional<PoolseUserProfile> p = chat.users().get("alice");
 * if (chat.users().peek("alice") instanceof UserLookup.Found f) { render(f.profile()); }
 * try (Subscription s = chat.users().subscribe("alice", this::repaint)) { ... }
 * }</pre>
 */
public final class UsersResource {
    /** Default number of cached users. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Default time a resolver failure is remembered. */
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(UsersResource.class);

    private final UserResolver resolver;
    private final Executor resolverExecutor;
    private final Executor callbackExecutor;
    private final Duration failureTtl;
    private final Clock clock;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Entry> entries;
    private final Map<String, List<Runnable>> listeners = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Entry {
        UserLookup value = UserLookup.unknown();
        CompletableFuture<Optional<PoolseUserProfile>> inFlight;
        Throwable failure;
        Instant failedUntil;
    }

    UsersResource(UserResolver resolver, Executor resolverExecutor, Executor callbackExecutor, int maxEntries,
            Duration failureTtl, Clock clock) {
        this.resolver = resolver;
        this.resolverExecutor = resolverExecutor;
        this.callbackExecutor = callbackExecutor;
        this.failureTtl = failureTtl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            // Qualified: inside a Map subclass, newer javac resolves a bare Entry to Map.Entry.
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, UsersResource.Entry> eldest) {
                return size() > maxEntries && eldest.getValue().inFlight == null;
            }
        };
    }

    /**
     * The cached state, without calling the resolver.
     *
     * @param externalId your user id
     * @return {@link UserLookup.Unknown} when not fetched (or no resolver), {@link UserLookup.NotFound}
     *     when the resolver returned {@code null}, {@link UserLookup.Found} otherwise
     */
    public UserLookup peek(String externalId) {
        ensureOpen();
        requireId(externalId);
        synchronized (lock) {
            Entry e = entries.get(externalId);
            return e == null ? UserLookup.unknown() : e.value;
        }
    }

    /**
     * The profile, from the cache or the resolver (blocking).
     *
     * @param externalId your user id
     * @return the profile, empty when not found or when no resolver is configured
     */
    public Optional<PoolseUserProfile> get(String externalId) {
        return Calls.join(getAsync(externalId)); // no HTTP exchange to run here: the resolver is the app's
    }

    /**
     * Looks a profile up without blocking.
     *
     * @param externalId your user id
     * @return a future of the profile; fails with {@link PoolseException} ("user resolver failed
     *     for ...") caused by the resolver's exception, or with {@link IllegalStateException} after
     *     the client's {@link Poolse#close()}
     */
    public CompletableFuture<Optional<PoolseUserProfile>> getAsync(String externalId) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(Poolse.CLOSED_MESSAGE));
        }
        requireId(externalId);
        if (resolver == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<PoolseUserProfile>> call;
        synchronized (lock) {
            Entry e = entries.computeIfAbsent(externalId, k -> new Entry());
            if (e.value instanceof UserLookup.Found f) {
                return CompletableFuture.completedFuture(Optional.of(f.profile()));
            }
            if (e.value instanceof UserLookup.NotFound) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (e.failure != null && clock.instant().isBefore(e.failedUntil)) {
                return CompletableFuture.failedFuture(e.failure);
            }
            if (e.inFlight != null) {
                return e.inFlight.copy();
            }
            call = new CompletableFuture<>();
            e.inFlight = call;
        }
        try {
            resolverExecutor.execute(() -> resolve(externalId, call));
        } catch (RuntimeException ex) {
            finish(externalId, call, null, ex);
        }
        return call.copy();
    }

    private void resolve(String externalId, CompletableFuture<Optional<PoolseUserProfile>> call) {
        PoolseUserProfile profile = null;
        Throwable failure = null;
        try {
            profile = resolver.resolve(externalId);
        } catch (Exception | Error e) {
            // Unchecked ones too, so that everything the SDK throws stays a PoolseException; and an
            // Error must not leave the callers waiting forever.
            failure = new PoolseException("user resolver failed for " + externalId + ": " + e, e);
            if (e instanceof VirtualMachineError fatal) {
                finish(externalId, call, null, failure);
                throw fatal;
            }
        }
        finish(externalId, call, profile, failure);
    }

    private void finish(String externalId, CompletableFuture<Optional<PoolseUserProfile>> call,
            PoolseUserProfile profile, Throwable failure) {
        boolean changed = false;
        synchronized (lock) {
            Entry e = entries.get(externalId);
            if (e != null && e.inFlight == call) {
                e.inFlight = null;
                if (failure != null) {
                    e.failure = failure;
                    e.failedUntil = clock.instant().plus(failureTtl);
                } else {
                    e.failure = null;
                    e.value = profile == null ? UserLookup.notFound() : new UserLookup.Found(profile);
                    changed = true;
                }
            }
        }
        if (failure != null) {
            call.completeExceptionally(failure);
        } else {
            call.complete(Optional.ofNullable(profile));
        }
        if (changed) {
            notify(externalId);
        }
    }

    /**
     * Calls {@code listener} whenever the entry of {@code externalId} changes (resolved, invalidated).
     *
     * @param externalId your user id
     * @param listener runs on the callback executor
     * @return closing it removes the listener
     */
    public Subscription subscribe(String externalId, Runnable listener) {
        ensureOpen();
        requireId(externalId);
        Objects.requireNonNull(listener, "listener");
        List<Runnable> list = listeners.computeIfAbsent(externalId, k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /**
     * Forgets one user; the next {@link #get} asks the resolver again.
     *
     * @param externalId your user id
     */
    public void invalidate(String externalId) {
        ensureOpen();
        requireId(externalId);
        boolean had;
        synchronized (lock) {
            had = entries.remove(externalId) != null;
        }
        if (had) {
            notify(externalId);
        }
    }

    /** Forgets every user (sign-out, tenant swap) and notifies their listeners. */
    public void invalidateAll() {
        ensureOpen();
        List<String> ids;
        synchronized (lock) {
            ids = List.copyOf(entries.keySet());
            entries.clear();
        }
        ids.forEach(this::notify);
    }

    private void notify(String externalId) {
        List<Runnable> list = listeners.get(externalId);
        if (list == null || list.isEmpty()) {
            return;
        }
        callbackExecutor.execute(() -> {
            for (Runnable l : list) {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    LOG.warn("user listener for {} threw; continuing with the others", externalId, e);
                }
            }
        });
    }

    /** Refuses every later call; called by {@link Poolse#close()}. */
    void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(Poolse.CLOSED_MESSAGE);
        }
    }

    private static void requireId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        if (externalId.isEmpty()) {
            throw new IllegalArgumentException("externalId must not be empty");
        }
    }
}
