package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.poolse.client.model.Attachment;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.AttachmentUpload;
import dev.poolse.sdk.ConversationHandle;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.RealtimeStatus;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Figure 6, secrets half: at TRACE level for every logger, a full run (REST calls, a 401 and token
 * refresh, realtime connect, join, socket drops, a refused upgrade, an attachment upload) logs no
 * token, no API key and no {@code Authorization} value; and the presigned PUT carries no
 * {@code Authorization} header.
 */
class SecretsIT {

    @Test
    void noTokenApiKeyOrAuthorizationValueIsLoggedAtTrace() {
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.TRACE);
        String apiKey;
        // A scenario step that times out is held until the figure is printed: the log captured so far
        // is still checked for leaks, so a red run says what it saw.
        ConditionTimeoutException stopped = null;
        Attachment attachment = null;
        try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder().rateLimit(0).build());
                Poolse owner = Fixtures.client(server, "alice", b -> { });
                Poolse chat = Poolse.builder()
                        .apiUrl(server.apiUrl().toString())
                        .tokenProvider(() -> {
                            String token = server.mintToken("bob");
                            tokens.add(token);
                            return token;
                        })
                        .build()) {
            apiKey = server.apiKey();
            UUID conversationId = Fixtures.groupConversation(owner, List.of("bob"));
            ConversationHandle conversation = chat.conversations().one(conversationId);
            Set<UUID> received = ConcurrentHashMap.newKeySet();
            ConversationChannel channel = chat.realtime().conversation(conversationId);
            channel.onMessage(m -> received.add(m.getId()));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> channel.state() == ChannelState.JOINED);

                UUID first = conversation.messages().send(new MessageCreateRequest().body("before expiry")).getId();
                server.faults().expireAllTokens();
                // A 401, a refresh and a repeat; then a socket drop that reconnects with a revoked
                // token (a refused upgrade), then with a fresh one.
                conversation.messages().list(MessageQuery.newest(10));
                server.faults().expireAllTokens();
                server.faults().dropSockets();
                await().atMost(Duration.ofSeconds(15)).until(() -> chat.realtime().status() == RealtimeStatus.CONNECTED
                        && channel.state() == ChannelState.JOINED);
                UUID second = conversation.messages().send(new MessageCreateRequest().body("after expiry")).getId();
                attachment = chat.attachments().upload(
                        AttachmentUpload.of("not really a png".getBytes(StandardCharsets.UTF_8), "image/png"));
                await().atMost(Duration.ofSeconds(15)).until(() -> received.containsAll(List.of(first, second)));
            } catch (ConditionTimeoutException e) {
                stopped = e;
            }
        } finally {
            root.setLevel(previous);
            root.detachAppender(captured);
            captured.stop();
        }

        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(apiKey);
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            String text = render(event);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(event.getLoggerName() + ": " + abbreviate(text));
                }
            }
            if (text.contains("Bearer ") || text.toLowerCase(java.util.Locale.ROOT).contains("authorization:")) {
                leaks.add(event.getLoggerName() + ": " + abbreviate(text));
            }
        }
        System.out.printf("secrets: %d log events captured at TRACE, %d tokens minted, 1 API key, %d leaks%s%n",
                captured.list.size(), tokens.size(), leaks.size(),
                stopped == null ? "" : " (scenario stopped early: " + stopped.getMessage() + ")");
        if (stopped != null) {
            throw stopped;
        }
        assertThat(attachment).as("uploaded attachment").isNotNull();
        assertThat(attachment.getId()).isNotNull();
        assertThat(tokens).as("tokens minted (401 refreshes included)").hasSizeGreaterThanOrEqualTo(2);
        assertThat(captured.list).as("log events captured").isNotEmpty();
        assertThat(leaks).as("log lines with a secret").isEmpty();
    }

    @Test
    void presignedPutCarriesNoAuthorizationHeader() throws Exception {
        try (MockWebServer stub = new MockWebServer()) {
            stub.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if ("POST".equals(request.getMethod()) && "/v1/attachments/upload-url".equals(request.getPath())) {
                        String url = "http://127.0.0.1:" + stub.getPort() + "/uploads/6f1c2a4e?signature=abc";
                        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                                .setBody("{\"attachment\":{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"pending\","
                                        + "\"content_type\":\"image/png\",\"byte_size\":4},"
                                        + "\"upload\":{\"url\":\"" + url + "\",\"method\":\"put\","
                                        + "\"headers\":{\"Content-Type\":\"image/png\",\"x-upload-check\":\"sig\"}}}");
                    }
                    if ("PUT".equals(request.getMethod()) && request.getPath() != null && request.getPath().startsWith("/uploads/")) {
                        return new MockResponse().setResponseCode(200);
                    }
                    return new MockResponse().setResponseCode(404);
                }
            });
            stub.start(InetAddress.getLoopbackAddress(), 0);
            try (Poolse chat = Poolse.builder()
                    .apiUrl("http://127.0.0.1:" + stub.getPort())
                    .tokenProvider(() -> "opaque-secret-token")
                    .build()) {
                chat.attachments().upload(AttachmentUpload.of(new byte[] {1, 2, 3, 4}, "image/png"));
            }
            RecordedRequest presign = stub.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
            RecordedRequest put = stub.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
            System.out.printf("secrets: presign %s, upload %s%n", describe(presign), describe(put));
            assertThat(presign).isNotNull();
            assertThat(put).isNotNull();
            assertThat(presign.getHeader("Authorization")).isEqualTo("Bearer opaque-secret-token");
            assertThat(put.getMethod()).isEqualTo("PUT");
            assertThat(put.getHeader("Authorization")).isNull();
            assertThat(put.getHeader("x-upload-check")).isEqualTo("sig");
            assertThat(put.getBody().readByteArray()).containsExactly(1, 2, 3, 4);
        }
    }

    /** A recorded request's method and whether it carried {@code Authorization}; null-safe for printing. */
    private static String describe(RecordedRequest request) {
        return request == null ? "not received" : request.getMethod() + " carries Authorization="
                + (request.getHeader("Authorization") != null);
    }

    /** The message, arguments and every throwable of the event, as any appender could print them. */
    private static String render(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        if (event.getArgumentArray() != null) {
            for (Object arg : event.getArgumentArray()) {
                b.append(' ').append(arg);
            }
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                b.append(' ').append(frame.getSTEAsString());
            }
        }
        event.getMDCPropertyMap().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
