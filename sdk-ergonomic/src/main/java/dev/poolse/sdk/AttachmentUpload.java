package dev.poolse.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The bytes of an attachment, with their content type and exact size. Immutable.
 *
 * <pre>{@code
 * AttachmentUpload.of(Path.of("cat.png"), "image/png");
 * AttachmentUpload.of(bytes, "application/pdf").filename("report.pdf");
 * AttachmentUpload.of(stream, size, "video/mp4");   // single use: not retried
 * }</pre>
 */
public final class AttachmentUpload {
    private final Supplier<HttpRequest.BodyPublisher> body;
    private final long byteSize;
    private final String contentType;
    private final String filename;
    private final boolean replayable;

    private AttachmentUpload(Supplier<HttpRequest.BodyPublisher> body, long byteSize, String contentType,
            String filename, boolean replayable) {
        this.body = body;
        this.byteSize = byteSize;
        this.contentType = contentType;
        this.filename = filename;
        this.replayable = replayable;
    }

    /**
     * {@return the upload}
     *
     * @param bytes the content (not copied: do not modify it during the upload)
     * @param contentType the MIME type sent in the presign and the PUT
     */
    public static AttachmentUpload of(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        return new AttachmentUpload(() -> HttpRequest.BodyPublishers.ofByteArray(bytes), bytes.length,
                requireType(contentType), null, true);
    }

    /**
     * {@return the upload; its filename defaults to the file's name}
     *
     * @param file a regular file; its size is read now
     * @param contentType the MIME type
     */
    public static AttachmentUpload of(Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
        return new AttachmentUpload(() -> {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (java.io.FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        }, size, requireType(contentType), file.getFileName() == null ? null : file.getFileName().toString(), true);
    }

    /**
     * A stream of known size. It can be read only once, so a failed PUT is not retried.
     *
     * @param stream the content; read on an HTTP client thread and not closed by the SDK
     * @param byteSize exact number of bytes the stream yields
     * @param contentType the MIME type
     * @return the upload
     */
    public static AttachmentUpload of(InputStream stream, long byteSize, String contentType) {
        Objects.requireNonNull(stream, "stream");
        if (byteSize < 0) {
            throw new IllegalArgumentException("byteSize must not be negative, got: " + byteSize);
        }
        return new AttachmentUpload(() -> HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> stream), byteSize),
                byteSize, requireType(contentType), null, false);
    }

    /**
     * {@return a copy with this filename}
     *
     * @param filename shown in download UIs
     */
    public AttachmentUpload filename(String filename) {
        Objects.requireNonNull(filename, "filename");
        return new AttachmentUpload(body, byteSize, contentType, filename, replayable);
    }

    /** {@return the declared size in bytes} */
    public long byteSize() {
        return byteSize;
    }

    /** {@return the MIME type} */
    public String contentType() {
        return contentType;
    }

    /** {@return the filename, or {@code null}} */
    public String filename() {
        return filename;
    }

    Supplier<HttpRequest.BodyPublisher> body() {
        return body;
    }

    boolean replayable() {
        return replayable;
    }

    private static String requireType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        if (contentType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank");
        }
        return contentType;
    }
}
