package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.model.Attachment;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationList;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.ConversationUpdateRequest;
import dev.poolse.client.model.DownloadUrlResponse;
import dev.poolse.client.model.Me;
import dev.poolse.client.model.MemberRole;
import dev.poolse.client.model.Membership;
import dev.poolse.client.model.MembershipList;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageList;
import dev.poolse.client.model.MessageUpdateRequest;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.devserver.DevServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every REST example of the README, end to end against the embedded dev server on loopback. */
class RestDevServerIT {
    static PoolseDevServer server;
    final List<Poolse> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = PoolseDevServer.start(DevServerConfig.builder().port(0).rateLimit(0).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void close() {
        server.faults().clear();
        clients.forEach(Poolse::close);
    }

    Poolse client(String externalId) {
        return client(externalId, b -> {});
    }

    Poolse client(String externalId, java.util.function.Consumer<Poolse.Builder> custom) {
        Poolse.Builder b = Poolse.builder().apiUrl(server.apiUrl().toString())
                .tokenProvider(() -> server.mintToken(externalId))
                .baseBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50));
        custom.accept(b);
        Poolse p = b.build();
        clients.add(p);
        return p;
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void quickStart() {
        String alice = unique("alice");
        Poolse chat = client(alice);
        Me me = chat.me().show();
        Conversation created = chat.conversations().create(new ConversationCreateRequest()
                .type(ConversationType.GROUP).name("team").memberExternalIds(List.of(unique("bob"))));
        ConversationList conversations = chat.conversations().list();
        ConversationHandle conv = chat.conversations().one(created.getId());
        Message sent = conv.messages().send(new MessageCreateRequest().body("Hello"));
        MessageList messages = conv.messages().list(MessageQuery.newest(50));

        assertThat(me.getExternalId()).isEqualTo(alice);
        assertThat(conversations.getData()).extracting(Conversation::getId).contains(created.getId());
        assertThat(messages.getData()).extracting(Message::getId).containsExactly(sent.getId());
    }

    @Test
    void conversationHandleShowsUpdatesAndManagesMembers() {
        Poolse chat = client(unique("owner"));
        ConversationHandle conv = chat.conversations().one(chat.conversations()
                .create(new ConversationCreateRequest().type(ConversationType.GROUP).name("before")).getId());
        String bob = unique("bob");
        String carol = unique("carol");
        String dave = unique("dave");

        Conversation updated = conv.update(new ConversationUpdateRequest().name("after"));
        MembershipList added = conv.addMembers(List.of(bob, carol));
        Membership daveMember = conv.addMember(dave, MemberRole.ADMIN);
        conv.removeMember(daveMember.getUserId());

        assertThat(updated.getName()).isEqualTo("after");
        assertThat(conv.show().getName()).isEqualTo("after");
        assertThat(added.getData()).extracting(Membership::getExternalId).containsExactlyInAnyOrder(bob, carol);
        assertThat(daveMember.getRole()).isEqualTo(MemberRole.ADMIN);
        assertThat(conv.listMembers().getData()).extracting(Membership::getExternalId)
                .contains(bob, carol).doesNotContain(dave);
    }

    @Test
    void messagesPaginateNewestFirstWithBefore() {
        Poolse chat = client(unique("pager"));
        ConversationHandle conv = newConversation(chat);
        for (int i = 0; i < 5; i++) {
            conv.messages().send(new MessageCreateRequest().body("m" + i));
        }
        MessageList newest = conv.messages().list(MessageQuery.newest(2));
        long oldestSeen = newest.getData().get(newest.getData().size() - 1).getSequence();
        MessageList older = conv.messages().list(MessageQuery.newest(2).before(oldestSeen));
        List<String> all = new ArrayList<>();
        conv.messages().iterate(2, RequestOptions.defaults()).forEach(m -> all.add(m.getBody()));

        assertThat(newest.getData()).extracting(Message::getBody).containsExactly("m4", "m3");
        assertThat(older.getData()).extracting(Message::getBody).containsExactly("m2", "m1");
        assertThat(all).containsExactly("m4", "m3", "m2", "m1", "m0");
    }

    @Test
    void resendWithSameIdReturnsTheOriginal() {
        Poolse chat = client(unique("resender"));
        ConversationHandle conv = newConversation(chat);
        UUID id = UUID.randomUUID();
        Message first = conv.messages().send(new MessageCreateRequest().id(id).body("once"));
        Message second = conv.messages().send(new MessageCreateRequest().id(id).body("once"));
        assertThat(second.getId()).isEqualTo(first.getId()).isEqualTo(id);
        assertThat(conv.messages().list().getData()).hasSize(1);
    }

    @Test
    void markReadMovesTheCursor() {
        Poolse chat = client(unique("reader"));
        ConversationHandle conv = newConversation(chat);
        Message m = conv.messages().send(new MessageCreateRequest().body("read me"));
        conv.messages().markRead(m.getId());
        assertThat(conv.listMembers().getData().get(0).getLastReadMessageId()).isEqualTo(m.getId());
    }

    @Test
    void messageHandleEditsRepliesReactsAndDeletes() {
        Poolse chat = client(unique("sender"));
        ConversationHandle conv = newConversation(chat);
        Message root = conv.messages().send(new MessageCreateRequest().body("root"));
        MessageHandle m = chat.messages().one(root.getId());
        Message r1 = conv.messages().send(new MessageCreateRequest().body("r1").replyToId(root.getId()));
        conv.messages().send(new MessageCreateRequest().body("r2").replyToId(root.getId()));

        assertThat(m.update(new MessageUpdateRequest().body("edited")).getBody()).isEqualTo("edited");
        assertThat(m.replies().getData()).extracting(Message::getBody).containsExactly("r1", "r2");
        assertThat(m.replies(ReplyQuery.oldest(100).after(r1.getSequence())).getData())
                .extracting(Message::getBody).containsExactly("r2");
        for (String emoji : List.of("👍", "👍🏽", "👨‍👩‍👧", "❤️")) {
            assertThat(m.addReaction(emoji).getReactions()).containsKey(emoji);
            assertThat(m.removeReaction(emoji).getReactions()).doesNotContainKey(emoji);
        }
        m.delete();
        m.delete();
    }

    @Test
    void attachmentsUploadDownloadAndDelete() {
        Poolse chat = client(unique("uploader"));
        ConversationHandle conv = newConversation(chat);
        byte[] bytes = new byte[70_000];
        new java.util.Random(3).nextBytes(bytes);
        List<UploadProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

        Attachment a = chat.attachments().upload(AttachmentUpload.of(bytes, "image/png").filename("cat.png"),
                progress::add);
        Message m = conv.messages().send(new MessageCreateRequest().body("look").attachmentIds(List.of(a.getId())));
        DownloadUrlResponse url = chat.attachments().one(a.getId()).downloadUrl();

        assertThat(progress.get(progress.size() - 1)).isEqualTo(new UploadProgress(bytes.length, bytes.length));
        assertThat(m.getAttachments()).extracting(Attachment::getId).containsExactly(a.getId());
        assertThat(url.getUrl()).isNotBlank();
        Attachment other = chat.attachments().upload(AttachmentUpload.of(bytes, "image/png"));
        chat.attachments().one(other.getId()).delete();
    }

    @Test
    void usersCacheResolvesThroughTheResolver() {
        AtomicInteger calls = new AtomicInteger();
        Poolse chat = client(unique("viewer"), b -> b.userResolver(id -> {
            calls.incrementAndGet();
            return id.startsWith("known") ? new PoolseUserProfile("Known", null) : null;
        }));
        assertThat(chat.users().peek("known-1")).isEqualTo(UserLookup.unknown());
        assertThat(chat.users().get("known-1")).contains(new PoolseUserProfile("Known", null));
        assertThat(chat.users().get("nobody")).isEmpty();
        assertThat(chat.users().peek("nobody")).isEqualTo(UserLookup.notFound());
        assertThat(calls).hasValue(2);
    }

    @Test
    void restEscapeHatchSharesAuthAndRetries() {
        String who = unique("raw");
        Poolse chat = client(who);
        server.faults().failNext(1, 503, null, "/v1/me");
        Me me = chat.rest().request(RestRequest.get("/v1/me"), Me.class);
        Conversation c = chat.rest().request(RestRequest.post("/v1/conversations")
                .body(new ConversationCreateRequest().type(ConversationType.GROUP).name("raw"))
                .idempotencyKey("raw-" + who), Conversation.class);
        Conversation again = chat.rest().request(RestRequest.post("/v1/conversations")
                .body(new ConversationCreateRequest().type(ConversationType.GROUP).name("raw"))
                .idempotencyKey("raw-" + who), Conversation.class);
        assertThat(me.getExternalId()).isEqualTo(who);
        assertThat(again.getId()).as("same key replays the first answer").isEqualTo(c.getId());
    }

    @Test
    void errorsAreTyped() {
        Poolse anonymous = client(unique("anon"), b -> b.tokenProvider(() -> "not-a-jwt"));
        assertThatThrownBy(() -> anonymous.me().show()).isInstanceOf(AuthException.class);

        Poolse chat = client(unique("typed"), b -> b.maxRetries(0));
        assertThatThrownBy(() -> chat.conversations().one(UUID.randomUUID()).show())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isIn(403, 404);
                    assertThat(e.code()).isNotEqualTo(ApiException.UNKNOWN_ERROR);
                });
        server.faults().failNext(1, 429, Duration.ofSeconds(2), "/v1/me");
        assertThatThrownBy(() -> chat.me().show())
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void cancellingAnAsyncCallCompletesWithCancellation() {
        Poolse chat = client(unique("canceller"));
        server.faults().delayResponses(Duration.ofSeconds(5));
        CompletableFuture<Me> f = chat.me().showAsync();
        f.cancel(true);
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    @Test
    void sendsSurviveRandomFaultsWithoutDuplicates() throws Exception {
        // 12 retries: with 7 attempts one of 320 sends met a fault every time about once in 250 runs.
        Poolse chat = client(unique("reliable"), b -> b.maxRetries(12));
        ConversationHandle conv = newConversation(chat);
        server.faults().failRatio(0.2, 42, "/v1/conversations/" + conv.id() + "/messages");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Message>> sends = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                int n = i;
                sends.add(pool.submit(() -> conv.messages().send(new MessageCreateRequest().body("n" + n))));
            }
            Set<UUID> ids = new HashSet<>();
            for (Future<Message> s : sends) {
                ids.add(s.get(60, TimeUnit.SECONDS).getId());
            }
            server.faults().clear();
            List<UUID> stored = new ArrayList<>();
            conv.messages().iterate(100, RequestOptions.defaults()).forEach(m -> stored.add(m.getId()));
            assertThat(ids).hasSize(320);
            assertThat(stored).hasSize(320).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(server.faults().failuresInjected() + server.faults().resetsInjected()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    private static ConversationHandle newConversation(Poolse chat) {
        return chat.conversations().one(chat.conversations()
                .create(new ConversationCreateRequest().type(ConversationType.GROUP).name("t")).getId());
    }
}
