package dev.poolse.sdk;

import dev.poolse.client.api.AttachmentsApi;
import dev.poolse.client.model.Attachment;
import dev.poolse.client.model.AttachmentUploadRequest;
import dev.poolse.client.model.AttachmentUploadResponse;
import dev.poolse.client.model.PresignedUpload;
import dev.poolse.sdk.internal.http.Calls;
import dev.poolse.sdk.internal.http.CountingBodyPublisher;
import dev.poolse.sdk.internal.http.PoolseFuture;
import dev.poolse.sdk.internal.http.PreparedRequest;
import dev.poolse.sdk.internal.http.SerialExecutor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Attachments: presign, upload, download URL, delete. Obtain with {@link Poolse#attachments()}.
 * Thread-safe.
 *
 * <pre>{@code
 * Attachment a = chat.attachments().upload(AttachmentUpload.of(path, "image/png"),
 *     p -> bar.set(p.loaded(), p.total()));
 * conv.messages().send(new MessageCreateRequest().body("look").attachmentIds(List.of(a.getId())));
 * }</pre>
 *
 * <p>The presigned PUT carries exactly the headers the presign returned (the JDK derives
 * {@code Content-Length} from the body, and {@code Host} from the URL) and never
 * {@code Authorization} or the SDK's {@code User-Agent}. Transient PUT failures (network, 5xx, 429)
 * are retried like API calls, except for single-use {@link java.io.InputStream} bodies.
 */
public final class AttachmentsResource {
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final RestCore core;

    AttachmentsResource(RestCore core) {
        this.core = core;
    }

    /**
     * Step one of an upload: creates a pending attachment and a presigned PUT.
     *
     * @param request content type, size and optional filename
     * @return the attachment and where to PUT its bytes
     */
    public AttachmentUploadResponse requestUpload(AttachmentUploadRequest request) {
        return Calls.blocking(() -> requestUploadAsync(request, RequestOptions.defaults()));
    }

    /**
     * {@return the attachment and where to PUT its bytes}
     *
     * @param request content type, size and optional filename
     * @param options per-call options
     */
    public AttachmentUploadResponse requestUpload(AttachmentUploadRequest request, RequestOptions options) {
        return Calls.blocking(() -> requestUploadAsync(request, options));
    }

    /**
     * {@return the future of {@link #requestUpload(AttachmentUploadRequest)}}
     *
     * @param request content type, size and optional filename
     */
    public CompletableFuture<AttachmentUploadResponse> requestUploadAsync(AttachmentUploadRequest request) {
        return requestUploadAsync(request, RequestOptions.defaults());
    }

    /**
     * {@return the future of {@link #requestUpload(AttachmentUploadRequest, RequestOptions)}}
     *
     * @param request content type, size and optional filename
     * @param options per-call options
     */
    public CompletableFuture<AttachmentUploadResponse> requestUploadAsync(AttachmentUploadRequest request,
            RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return core.call(options, AttachmentUploadResponse.class, AttachmentsApi.class,
                (api, key) -> api.createUploadUrl(request, key));
    }

    /**
     * Presign and PUT in one call.
     *
     * @param upload the bytes
     * @return the (pending) attachment row; put its id into the next message's {@code attachment_ids}
     */
    public Attachment upload(AttachmentUpload upload) {
        return Calls.blocking(() -> uploadAsync(upload, null, RequestOptions.defaults()));
    }

    /**
     * {@return the attachment row}
     *
     * @param upload the bytes
     * @param onProgress receives (loaded, total) as the PUT streams, in order, on the callback
     *     executor; the last event precedes the returned value
     */
    public Attachment upload(AttachmentUpload upload, Consumer<UploadProgress> onProgress) {
        return Calls.blocking(() -> uploadAsync(upload, onProgress, RequestOptions.defaults()));
    }

    /**
     * {@return the attachment row}
     *
     * @param upload the bytes
     * @param onProgress progress listener, may be {@code null}
     * @param options options of each of the two requests (timeout applies to each)
     */
    public Attachment upload(AttachmentUpload upload, Consumer<UploadProgress> onProgress, RequestOptions options) {
        return Calls.blocking(() -> uploadAsync(upload, onProgress, options));
    }

    /**
     * {@return the future of {@link #upload(AttachmentUpload)}}
     *
     * @param upload the bytes
     */
    public CompletableFuture<Attachment> uploadAsync(AttachmentUpload upload) {
        return uploadAsync(upload, null, RequestOptions.defaults());
    }

    /**
     * {@return a future of the attachment; cancelling it aborts whichever request is running}
     *
     * @param upload the bytes
     * @param onProgress progress listener, may be {@code null}
     * @param options options of each of the two requests
     */
    public CompletableFuture<Attachment> uploadAsync(AttachmentUpload upload, Consumer<UploadProgress> onProgress,
            RequestOptions options) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(options, "options");
        AttachmentUploadRequest presignRequest = new AttachmentUploadRequest()
                .contentType(upload.contentType()).byteSize(upload.byteSize()).originalFilename(upload.filename());
        SerialExecutor events = new SerialExecutor(core.pipeline.completionExecutor());
        PoolseFuture<Attachment> result = new PoolseFuture<>();
        CompletableFuture<AttachmentUploadResponse> presign = requestUploadAsync(presignRequest, options);
        java.util.concurrent.atomic.AtomicReference<CompletableFuture<?>> current =
                new java.util.concurrent.atomic.AtomicReference<>(presign);
        result.onCancel(() -> current.get().cancel(true));
        presign.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error instanceof java.util.concurrent.CompletionException
                        && error.getCause() != null ? error.getCause() : error);
                return;
            }
            CompletableFuture<Void> put;
            try {
                put = put(response.getUpload(), upload, onProgress, events, options);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            current.set(put);
            if (result.isCancelled()) {
                put.cancel(true);
            }
            put.whenComplete((v, e) -> events.execute(() -> {
                if (e != null) {
                    result.completeExceptionally(named(e, response));
                } else {
                    result.complete(response.getAttachment());
                }
            }));
        });
        return result;
    }

    /**
     * The pipeline's upload failure says only why ("HTTP 403"); name the attachment and the method:
     * "upload PUT for attachment a-1 failed: HTTP 403".
     */
    private static Throwable named(Throwable e, AttachmentUploadResponse response) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (!(cause instanceof UploadException u)) {
            return cause;
        }
        PresignedUpload target = response.getUpload();
        String method = target == null || target.getMethod() == null ? "PUT"
                : target.getMethod().toUpperCase(Locale.ROOT);
        Object id = response.getAttachment() == null ? null : response.getAttachment().getId();
        UploadException named = new UploadException(u.status(),
                "upload " + method + " for attachment " + id + " failed: " + u.getMessage(), u.getCause());
        named.setStackTrace(u.getStackTrace());
        return named;
    }

    private CompletableFuture<Void> put(PresignedUpload target, AttachmentUpload upload,
            Consumer<UploadProgress> onProgress, SerialExecutor events, RequestOptions options) {
        Objects.requireNonNull(target, "presign returned no upload target");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (target.getHeaders() != null) {
            target.getHeaders().forEach((k, v) -> {
                if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                    headers.put(k, List.of(v));
                }
            });
        }
        long total = upload.byteSize();
        java.util.function.Supplier<java.net.http.HttpRequest.BodyPublisher> body = onProgress == null ? upload.body() : () -> new CountingBodyPublisher(upload.body().get(),
                loaded -> events.execute(() -> onProgress.accept(new UploadProgress(loaded, total))));
        String method = target.getMethod() == null ? "PUT" : target.getMethod().toUpperCase(Locale.ROOT);
        PreparedRequest request = new PreparedRequest(method, URI.create(target.getUrl()), headers, body,
                false, upload.replayable(), true);
        return core.pipeline.execute(request, options.withoutIdempotencyKey(), (status, bytes) -> null);
    }

    /**
     * A handle on one attachment; makes no request.
     *
     * @param attachmentId the attachment id
     * @return the handle
     */
    public AttachmentHandle one(UUID attachmentId) {
        return new AttachmentHandle(core, Objects.requireNonNull(attachmentId, "attachmentId"));
    }
}
