package dev.poolse.sdk.internal.http;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Counts the bytes of a body as the HTTP client pulls them, which is how upload progress works
 * without any browser-style API: {@code loaded} grows as buffers are handed to the connection.
 * Each subscription (one per attempt) counts from zero.
 */
public final class CountingBodyPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher delegate;
    private final LongConsumer onLoaded;

    /**
     * @param delegate the real body, with a known length
     * @param onLoaded receives the cumulative byte count after each buffer (on an HTTP client thread)
     */
    public CountingBodyPublisher(HttpRequest.BodyPublisher delegate, LongConsumer onLoaded) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.onLoaded = Objects.requireNonNull(onLoaded, "onLoaded");
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
            private long loaded;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                // Counted before the hand-off: once the client has the last buffer the response (and
                // the upload's completion) can follow at once, and the last progress event must not
                // arrive after it.
                loaded += item.remaining();
                onLoaded.accept(loaded);
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
