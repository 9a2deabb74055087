package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.model.Attachment;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-step upload: presign through the API, then a bare PUT to storage. */
class AttachmentUploadStubTest {
    MockWebServer api;
    MockWebServer storage;
    Poolse chat;
    final UUID attachmentId = UUID.randomUUID();

    @BeforeEach
    void start() throws Exception {
        api = new MockWebServer();
        storage = new MockWebServer();
        ((QueueDispatcher) api.getDispatcher()).setFailFast(true);
        ((QueueDispatcher) storage.getDispatcher()).setFailFast(true);
        api.start(java.net.InetAddress.getLoopbackAddress(), 0);
        storage.start(java.net.InetAddress.getLoopbackAddress(), 0);
        chat = Poolse.builder().apiUrl(api.url("/").toString()).tokenProvider(() -> "secret-token")
                .baseBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        api.shutdown();
        storage.shutdown();
    }

    void enqueuePresign(String contentType) {
        String body = "{\"attachment\":{\"id\":\"" + attachmentId + "\",\"content_type\":\"" + contentType
                + "\",\"byte_size\":5,\"status\":\"pending\"},\"upload\":{\"url\":\"" + storage.url("/bucket/obj?sig=abc")
                + "\",\"method\":\"put\",\"headers\":{\"Content-Type\":\"" + contentType
                + "\",\"x-amz-meta-tenant\":\"t1\"}}}";
        api.enqueue(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody(body));
    }

    RecordedRequest takeStorage() throws InterruptedException {
        RecordedRequest r = storage.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    @Test
    void presignedPutHasNoAuthorization() throws Exception {
        enqueuePresign("text/plain");
        storage.enqueue(new MockResponse().setResponseCode(200));
        Attachment a = chat.attachments().upload(AttachmentUpload.of("hello".getBytes(), "text/plain"));
        RecordedRequest presign = api.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest put = takeStorage();
        assertThat(a.getId()).isEqualTo(attachmentId);
        assertThat(presign.getHeader("Authorization")).isEqualTo("Bearer secret-token");
        assertThat(presign.getBody().readUtf8()).contains("\"content_type\":\"text/plain\"", "\"byte_size\":5");
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getPath()).isEqualTo("/bucket/obj?sig=abc");
        assertThat(put.getHeader("Authorization")).isNull();
        assertThat(put.getHeader("Idempotency-Key")).isNull();
        assertThat(put.getHeader("Content-Type")).isEqualTo("text/plain");
        assertThat(put.getHeader("x-amz-meta-tenant")).isEqualTo("t1");
        assertThat(put.getHeader("Content-Length")).isEqualTo("5");
        assertThat(put.getBody().readUtf8()).isEqualTo("hello");
    }

    @Test
    void uploadProgressReachesTotal(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("blob.bin"), content);
        enqueuePresign("application/octet-stream");
        storage.enqueue(new MockResponse().setResponseCode(200));
        List<UploadProgress> events = new CopyOnWriteArrayList<>();
        chat.attachments().upload(AttachmentUpload.of(file, "application/octet-stream"), events::add);
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1)).isEqualTo(new UploadProgress(content.length, content.length));
        assertThat(events).extracting(UploadProgress::loaded).isSorted();
        assertThat(takeStorage().getBody().readByteArray()).isEqualTo(content);
    }

    @Test
    void transientPutFailureRetried() throws Exception {
        enqueuePresign("text/plain");
        storage.enqueue(new MockResponse().setResponseCode(503));
        storage.enqueue(new MockResponse().setResponseCode(200));
        chat.attachments().upload(AttachmentUpload.of("hello".getBytes(), "text/plain"));
        assertThat(takeStorage().getBody().readUtf8()).isEqualTo("hello");
        assertThat(takeStorage().getBody().readUtf8()).isEqualTo("hello");
    }

    @Test
    void failedPutRaisesUploadExceptionWithStatus() {
        enqueuePresign("text/plain");
        storage.enqueue(new MockResponse().setResponseCode(403));
        assertThatThrownBy(() -> chat.attachments().upload(AttachmentUpload.of("hello".getBytes(), "text/plain")))
                .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(storage.getRequestCount()).isEqualTo(1);
    }

    @Test
    void streamUploadIsSentOnceAndNotRetried() {
        enqueuePresign("text/plain");
        storage.enqueue(new MockResponse().setResponseCode(500));
        storage.enqueue(new MockResponse().setResponseCode(200));
        assertThatThrownBy(() -> chat.attachments().upload(
                AttachmentUpload.of(new ByteArrayInputStream("hello".getBytes()), 5, "text/plain")))
                .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThat(storage.getRequestCount()).isEqualTo(1);
    }

    @Test
    void uploadExceptionNamesTheAttachmentAndTheStatus() {
        enqueuePresign("text/plain");
        storage.enqueue(new MockResponse().setResponseCode(403));
        assertThatThrownBy(() -> chat.attachments().upload(AttachmentUpload.of("hello".getBytes(), "text/plain")))
                .isInstanceOf(UploadException.class)
                .hasMessage("upload PUT for attachment " + attachmentId + " failed: HTTP 403");
    }

    @Test
    void stalledStorageFailsTheUploadWithinTheAttemptBound() {
        try (Poolse bounded = Poolse.builder().apiUrl(api.url("/").toString()).tokenProvider(() -> "secret-token")
                .attemptTimeout(Duration.ofSeconds(2)).maxRetries(0).build()) {
            enqueuePresign("text/plain");
            storage.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> bounded.attachments().upload(AttachmentUpload.of("hello".getBytes(), "text/plain")))
                            .isInstanceOf(UploadException.class)
                            .hasMessage("upload PUT for attachment " + attachmentId
                                    + " failed: no complete response within PT2S"));
        }
    }
}
