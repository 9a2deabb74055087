package dev.poolse.sdk;

import dev.poolse.client.api.AttachmentsApi;
import dev.poolse.client.model.DownloadUrlResponse;
import dev.poolse.sdk.internal.http.Calls;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One attachment, by id. Thread-safe. */
public final class AttachmentHandle {
    private final RestCore core;
    private final UUID id;

    AttachmentHandle(RestCore core, UUID id) {
        this.core = core;
        this.id = id;
    }

    /** {@return the attachment id} */
    public UUID id() {
        return id;
    }

    /** {@return a signed GET URL, valid for about an hour} */
    public DownloadUrlResponse downloadUrl() {
        return Calls.blocking(() -> downloadUrlAsync(RequestOptions.defaults()));
    }

    /**
     * {@return a signed GET URL}
     *
     * @param options per-call options
     */
    public DownloadUrlResponse downloadUrl(RequestOptions options) {
        return Calls.blocking(() -> downloadUrlAsync(options));
    }

    /** {@return the future of {@link #downloadUrl()}} */
    public CompletableFuture<DownloadUrlResponse> downloadUrlAsync() {
        return downloadUrlAsync(RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #downloadUrl(RequestOptions)}}
     *
     * @param options per-call options
     */
    public CompletableFuture<DownloadUrlResponse> downloadUrlAsync(RequestOptions options) {
        return core.call(options, DownloadUrlResponse.class, AttachmentsApi.class, (api, key) -> api.getDownloadUrl(id));
    }

    /** Deletes the attachment. */
    public void delete() {
        Calls.blocking(() -> deleteAsync(RequestOptions.defaults()));
    }

    /**
     * Deletes the attachment, with per-call options.
     *
     * @param options per-call options
     */
    public void delete(RequestOptions options) {
        Calls.blocking(() -> deleteAsync(options));
    }

    /** {@return the future of {@link #delete()}} */
    public CompletableFuture<Void> deleteAsync() {
        return deleteAsync(RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #delete(RequestOptions)}}
     *
     * @param options per-call options
     */
    public CompletableFuture<Void> deleteAsync(RequestOptions options) {
        return core.call(options, Void.class, AttachmentsApi.class, (api, key) -> api.deleteAttachment(id, key));
    }
}
