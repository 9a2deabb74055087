package dev.poolse.sdk;

import dev.poolse.client.api.MeApi;
import dev.poolse.client.model.Me;
import dev.poolse.sdk.internal.http.Calls;
import java.util.concurrent.CompletableFuture;

/** The signed-in user ({@code GET /v1/me}). Obtain with {@link Poolse#me()}. Thread-safe. */
public final class MeResource {
    private final RestCore core;

    MeResource(RestCore core) {
        this.core = core;
    }

    /** {@return the user of the current token} */
    public Me show() {
        return Calls.blocking(() -> showAsync(RequestOptions.defaults()));
    }

    /**
     * {@return the user of the current token}
     *
     * @param options per-call options
     */
    public Me show(RequestOptions options) {
        return Calls.blocking(() -> showAsync(options));
    }

    /** {@return a future of the user; cancelling it aborts the request} */
    public CompletableFuture<Me> showAsync() {
        return showAsync(RequestOptions.defaults());
    }

    /**
     * {@return a future of the user; cancelling it aborts the request}
     *
     * @param options per-call options
     */
    public CompletableFuture<Me> showAsync(RequestOptions options) {
        return core.call(options, Me.class, MeApi.class, (api, key) -> api.getMe());
    }
}
