package dev.poolse.sdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.sdk.NetworkException;
import dev.poolse.sdk.PoolseException;
import dev.poolse.sdk.RequestOptions;
import dev.poolse.sdk.RequestTimeoutException;
import dev.poolse.sdk.UploadException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link PreparedRequest} with the SDK's auth, retry, timeout and error rules. Every
 * attempt is a blocking {@code HttpClient.send} ({@link BlockingAttempt}), because the JDK 17
 * {@code sendAsync} starts a thread per response on machines with fewer than three cores. A
 * blocking call's attempts run on its own waiting thread ({@link CallerRuns}), which that thread
 * would otherwise spend parked; an async call's attempts run on the shared
 * {@link AttemptThreads}, and with {@code sendAsync} only when all of those are busy, so no
 * attempt ever waits for a thread. In both, retry waits and timeouts run on the shared scheduler;
 * no thread sleeps and no thread is held between attempts.
 *
 * <p>Per call: the token comes from the {@link Credentials} (the end-user token cache, or the API
 * key of the admin client); a 401 invalidates it and repeats the attempt once (not counted as a
 * retry) when the credential is renewable; network failures, 5xx and 429 are retried up to
 * {@code maxRetries} times with full-jitter backoff, waiting at least {@code Retry-After}, while the
 * client-wide {@link RetryBudget} allows; the optional timeout covers every attempt and wait.
 * Cancelling the returned future cancels the attempt in flight (interrupting the thread inside
 * {@code send}, or cancelling the {@code sendAsync} future; the JDK then aborts the exchange) and
 * any pending wait.
 *
 * <p>An async call's future is completed on {@code completionExecutor}, never on an HTTP client
 * thread nor an attempt thread, so dependent stages without an explicit executor run there too. A
 * blocking call's future is completed on its waiting thread.
 */
public final class RequestPipeline {
    /** The message of every call made after, or cut short by, {@link #close()}. */
    public static final String CLOSED = "this Poolse client is closed";

    private static final Logger LOG = LoggerFactory.getLogger("dev.poolse.sdk.http");
    /**
     * The slowest upload the attempt bound allows for: a storage PUT may take the attempt timeout
     * plus one second per this many bytes of its body (16 KiB/s), so a stalled storage service
     * cannot hold an upload forever while a large file on a slow link still fits.
     */
    public static final long MIN_UPLOAD_BYTES_PER_SECOND = 16 * 1024;

    private final SharedResources shared;
    private final Credentials tokens;
    private final RetryPolicy policy;
    private final ObjectMapper mapper;
    private final String userAgent;
    private final Executor completionExecutor;
    private final Duration defaultTimeout;
    private final Duration attemptTimeout;
    private final long maxResponseBytes;
    private final Clock clock;
    private final java.util.Set<Exchange<?>> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param shared HTTP client and scheduler
     * @param tokens where each attempt's credential comes from
     * @param policy retry rules and budget
     * @param mapper JSON mapper for error envelopes
     * @param userAgent the {@code User-Agent} value
     * @param completionExecutor where result futures are completed
     * @param defaultTimeout timeout of calls without their own, {@code null} for none
     * @param attemptTimeout longest one API attempt (headers and body) may take before it is
     *     abandoned as a network failure, {@code null} for none; a storage upload gets this plus one
     *     second per {@value #MIN_UPLOAD_BYTES_PER_SECOND} bytes of its body
     * @param maxResponseBytes largest response body read into memory
     * @param clock wall clock for HTTP-date {@code Retry-After}
     */
    public RequestPipeline(SharedResources shared, Credentials tokens, RetryPolicy policy, ObjectMapper mapper,
            String userAgent, Executor completionExecutor, Duration defaultTimeout, Duration attemptTimeout,
            long maxResponseBytes, Clock clock) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.completionExecutor = Objects.requireNonNull(completionExecutor, "completionExecutor");
        this.defaultTimeout = defaultTimeout;
        this.attemptTimeout = attemptTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Refuses every later call and fails the calls still running with
     * {@link IllegalStateException}({@value #CLOSED}), aborting their exchanges and waits, so that
     * none of them waits on threads that are about to stop. Idempotent.
     */
    public void close() {
        closed = true;
        for (Exchange<?> exchange : live) {
            exchange.fail(closedException());
            exchange.abort();
        }
    }

    /** @return a new {@link IllegalStateException} saying that the client is closed */
    public static IllegalStateException closedException() {
        return new IllegalStateException(CLOSED);
    }

    /**
     * @param t a failure
     * @return whether it is the closed client's refusal
     */
    static boolean isClosed(Throwable t) {
        return t instanceof IllegalStateException && CLOSED.equals(t.getMessage());
    }

    /** @return where result futures complete */
    public Executor completionExecutor() {
        return completionExecutor;
    }

    /**
     * Starts the call.
     *
     * @param request what to send
     * @param options per-call options
     * @param decoder reads the 2xx body
     * @param <T> result type
     * @return a future that cancelling aborts the call
     */
    public <T> PoolseFuture<T> execute(PreparedRequest request, RequestOptions options, ResponseDecoder<T> decoder) {
        return execute(request, options, decoder, status -> false);
    }

    /**
     * Starts the call, treating some error statuses as answers rather than transient failures.
     *
     * @param request what to send
     * @param options per-call options
     * @param decoder reads the 2xx body
     * @param finalStatus the error statuses never retried on this call (e.g. the call-token
     *     route's 503, which means "no SFU" and will not change on a retry)
     * @param <T> result type
     * @return a future that cancelling aborts the call
     */
    public <T> PoolseFuture<T> execute(PreparedRequest request, RequestOptions options, ResponseDecoder<T> decoder,
            java.util.function.IntPredicate finalStatus) {
        Objects.requireNonNull(finalStatus, "finalStatus");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(decoder, "decoder");
        if (closed) {
            PoolseFuture<T> refused = new PoolseFuture<>();
            refused.completeExceptionally(closedException());
            return refused;
        }
        Exchange<T> exchange = new Exchange<>(request, options, decoder, CallerRuns.claim(shared.callbacks()), finalStatus);
        live.add(exchange);
        exchange.result.whenComplete((v, e) -> live.remove(exchange));
        if (closed) {
            // close() ran between the check and the add: it may not have seen this exchange.
            exchange.fail(closedException());
            return exchange.result;
        }
        exchange.start();
        return exchange.result;
    }

    private final class Exchange<T> {
        final PreparedRequest request;
        final ResponseDecoder<T> decoder;
        final java.util.function.IntPredicate finalStatus;
        final int maxRetries;
        final Duration timeout;
        final PoolseFuture<T> result = new PoolseFuture<>();
        /** The waiting thread of a blocking call, which runs the attempts itself; null for async calls. */
        final CallerRuns callerRuns;
        final Executor completion;
        volatile CompletableFuture<?> inFlight;
        volatile ScheduledFuture<?> retryWait;
        volatile ScheduledFuture<?> timeoutTask;
        volatile long deadlineNanos;
        // Written and read by one attempt at a time; the scheduler and the HTTP client's future
        // hand-offs give the needed happens-before between consecutive attempts.
        int attempts;
        int retries;
        boolean refreshedAfter401;

        Exchange(PreparedRequest request, RequestOptions options, ResponseDecoder<T> decoder, CallerRuns callerRuns,
                java.util.function.IntPredicate finalStatus) {
            this.request = request;
            this.finalStatus = finalStatus;
            this.callerRuns = callerRuns;
            // A blocking call's result is only read by its waiting thread: complete it in place.
            this.completion = callerRuns != null ? Runnable::run : completionExecutor;
            this.decoder = decoder;
            this.maxRetries = request.replayable() ? options.maxRetries().orElse(policy.maxRetries()) : 0;
            this.timeout = options.timeout().orElse(defaultTimeout);
        }

        void start() {
            result.onCancel(this::abort);
            if (timeout != null) {
                deadlineNanos = System.nanoTime() + timeout.toNanos();
                timeoutTask = shared.scheduler().schedule(this::onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            attempt();
        }

        void attempt() {
            if (result.isDone()) {
                return;
            }
            if (closed) {
                fail(closedException());
                return;
            }
            CompletableFuture<String> token = request.authenticated()
                    ? tokens.get() : CompletableFuture.completedFuture(null);
            inFlight = token;
            token.whenComplete((value, error) -> {
                if (error != null) {
                    Throwable cause = unwrap(error);
                    if (cause instanceof CancellationException) {
                        return;
                    }
                    // The fetch names the provider's own failures ("token provider failed: ...");
                    // a timeout or a closed client is not the provider's fault and stays as it is.
                    if (cause instanceof PoolseException || isClosed(cause)) {
                        fail(cause);
                    } else {
                        fail(new PoolseException("token provider failed: " + cause, cause));
                    }
                    return;
                }
                send(value);
            });
        }

        void send(String token) {
            if (result.isDone()) {
                return;
            }
            HttpRequest httpRequest;
            try {
                httpRequest = build(token);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            int attempt = ++attempts;
            long started = System.nanoTime();
            HttpResponse.BodyHandler<byte[]> handler = BoundedBody.handler(maxResponseBytes);
            CompletableFuture<HttpResponse<byte[]>> future;
            BlockingAttempt<byte[]> blocking = new BlockingAttempt<>();
            Runnable run = () -> blocking.run(shared.http(), httpRequest, handler);
            if (callerRuns != null) {
                callerRuns.execute(run);
                future = blocking;
            } else if (shared.attempts().tryExecute(run)) {
                future = blocking;
            } else {
                // Every attempt thread is busy: rather than wait for one, pay the JDK's hand-off.
                future = shared.http().sendAsync(httpRequest, handler);
            }
            inFlight = future;
            if (result.isDone()) {
                future.cancel(true);
            }
            // A server that sends headers and then trickles the body would otherwise hold the call
            // forever when no call timeout is set.
            java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
            Duration bound = attemptBound(httpRequest);
            ScheduledFuture<?> attemptTimer = bound == null ? null
                    : shared.scheduler().schedule(() -> {
                        abandoned.set(true);
                        future.cancel(true);
                    }, bound.toNanos(), TimeUnit.NANOSECONDS);
            future.whenComplete((response, error) -> {
                if (attemptTimer != null) {
                    attemptTimer.cancel(false);
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {} -> {} (attempt {}, {} ms)", request.method(), request.uri().getPath(),
                            response != null ? Integer.toString(response.statusCode())
                                    : error == null ? "?" : unwrap(error).getClass().getSimpleName(),
                            attempt, millis);
                }
                if (result.isDone()) {
                    return;
                }
                if (error != null) {
                    onNetworkFailure(abandoned.get()
                            ? new java.net.http.HttpTimeoutException("no complete response within " + bound)
                            : unwrap(error));
                } else {
                    onResponse(response);
                }
            });
        }

        /** How long this attempt may take: the attempt timeout, stretched for an upload's size. */
        Duration attemptBound(HttpRequest httpRequest) {
            if (attemptTimeout == null) {
                return null;
            }
            if (!request.upload()) {
                return attemptTimeout;
            }
            long bytes = httpRequest.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
            return attemptTimeout.plusSeconds(Math.max(0, bytes) / MIN_UPLOAD_BYTES_PER_SECOND);
        }

        HttpRequest build(String token) {
            HttpRequest.Builder b = HttpRequest.newBuilder(request.uri());
            for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
                for (String v : h.getValue()) {
                    b.header(h.getKey(), v);
                }
            }
            if (!request.upload()) {
                b.setHeader("User-Agent", userAgent);
                if (token != null) {
                    b.setHeader("Authorization", "Bearer " + token);
                }
            }
            HttpRequest.BodyPublisher body = request.body() == null
                    ? HttpRequest.BodyPublishers.noBody() : request.body().get();
            b.method(request.method(), body);
            return b.build();
        }

        void onNetworkFailure(Throwable cause) {
            if (cause instanceof CancellationException) {
                return;
            }
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof dev.poolse.sdk.ResponseTooLargeException tooLarge) {
                    fail(tooLarge);
                    return;
                }
            }
            String why = NetworkFailures.describe(cause, request.uri());
            RuntimeException failure = request.upload()
                    ? new UploadException(0, why, cause)
                    : new NetworkException(request.method() + " " + NetworkFailures.redact(request.uri())
                            + " failed: " + why, cause, attempts);
            retryOrFail(failure, -1, Optional.empty());
        }

        void onResponse(HttpResponse<byte[]> response) {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                policy.budget().onSuccess();
                T value;
                try {
                    value = decoder.decode(status, response.body());
                } catch (IOException | RuntimeException e) {
                    fail(new PoolseException("could not read the response of " + request.method() + " "
                            + request.uri().getPath(), e));
                    return;
                }
                succeed(value);
                return;
            }
            if (status == 401 && request.authenticated() && tokens.renewable() && !refreshedAfter401) {
                refreshedAfter401 = true;
                tokens.invalidate();
                attempt();
                return;
            }
            Optional<String> retryAfterHeader = response.headers().firstValue("Retry-After");
            RuntimeException failure = request.upload()
                    ? new UploadException(status, "HTTP " + status, null)
                    : ErrorMapping.toException(status, response.body(), retryAfterHeader.orElse(null),
                            response.headers().firstValue("x-request-id").orElse(null), attempts, mapper, clock);
            retryOrFail(failure, status, retryAfterHeader.flatMap(h -> RetryAfter.parse(h, clock)));
        }

        void retryOrFail(RuntimeException failure, int status, Optional<Duration> retryAfter) {
            if (retries >= maxRetries || (status > 0 && finalStatus.test(status))
                    || !RetryPolicy.mayRetry(request.method(), request.hasIdempotencyKey(), status)) {
                fail(failure);
                return;
            }
            Duration longestRetryAfter = policy.backoff().max().compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0
                    ? policy.backoff().max() : RetryPolicy.MAX_RETRY_AFTER;
            if (retryAfter.isPresent() && retryAfter.get().compareTo(longestRetryAfter) > 0) {
                // Waiting on the server's word would be unbounded without a call timeout: report
                // the failure now (a RateLimitedException's retryAfter() says how long it asked).
                fail(failure);
                return;
            }
            Duration delay = policy.backoff().delay(retries);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
                delay = retryAfter.get();
            }
            if (timeout != null && System.nanoTime() + delay.toNanos() >= deadlineNanos) {
                // The wait alone would exhaust the timeout: report the real failure now.
                fail(failure);
                return;
            }
            if (!policy.budget().tryAcquire()) {
                LOG.debug("{} {}: retry budget exhausted, not retrying", request.method(), request.uri().getPath());
                fail(failure);
                return;
            }
            retries++;
            try {
                retryWait = shared.scheduler().schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(closedException());
                return;
            }
            if (result.isDone()) {
                retryWait.cancel(false);
            }
        }

        void onTimeout() {
            if (!result.isDone()) {
                fail(new RequestTimeoutException(timeout, attempts));
                cancelInFlight();
            }
        }

        void abort() {
            cancelInFlight();
            cancelTimers();
        }

        void cancelInFlight() {
            CompletableFuture<?> f = inFlight;
            if (f != null) {
                f.cancel(true);
            }
            ScheduledFuture<?> w = retryWait;
            if (w != null) {
                w.cancel(false);
            }
        }

        void cancelTimers() {
            ScheduledFuture<?> t = timeoutTask;
            if (t != null) {
                t.cancel(false);
            }
        }

        void succeed(T value) {
            cancelTimers();
            complete(() -> result.complete(value));
        }

        void fail(Throwable error) {
            cancelTimers();
            complete(() -> result.completeExceptionally(error));
        }

        void complete(Runnable completion) {
            try {
                this.completion.execute(completion);
            } catch (RejectedExecutionException e) {
                completion.run();
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
