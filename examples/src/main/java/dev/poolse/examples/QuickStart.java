package dev.poolse.examples;

import dev.poolse.client.model.Attachment;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Me;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageUpdateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.AttachmentUpload;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.ReplyQuery;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.UserChannel;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The quick start, live: two users, {@code alice} and {@code bob}, chat through the SDK while the
 * transcript shows what each user's realtime listeners receive.
 *
 * <p>By default it starts an embedded dev server. With {@code POOLSE_API_URL} and either
 * {@code POOLSE_API_KEY} or {@code POOLSE_TOKEN_COMMAND} set it talks to that backend instead.
 */
public final class QuickStart {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Transcript transcript = new Transcript(System.out);
    /** Poolse user id to external id, so the transcript can print names. */
    private final Map<UUID, String> names = new ConcurrentHashMap<>();

    private QuickStart() {}

    /**
     * Runs the quick start.
     *
     * @param args ignored
     * @throws Exception when a step fails or an expected event does not arrive in time
     */
    public static void main(String[] args) throws Exception {
        String apiUrl = System.getenv("POOLSE_API_URL");
        if (apiUrl == null || apiUrl.isBlank()) {
            try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.builder()
                    .port(0)
                    .typingTimeout(Duration.ofSeconds(1)) // so that step 5 sees typing:stop soon
                    .build())) {
                System.out.println("Started an embedded Poolse dev server at " + server.apiUrl()
                        + " (set POOLSE_API_URL to use a real backend)");
                try (TokenBackend backend = TokenBackend.withApiKey(server.apiUrl(), server.apiKey())) {
                    new QuickStart().run(server.apiUrl(), backend);
                }
            }
        } else {
            try (TokenBackend backend = backendFromEnvironment(URI.create(apiUrl))) {
                new QuickStart().run(URI.create(apiUrl), backend);
            }
        }
    }

    private static TokenBackend backendFromEnvironment(URI apiUrl) {
        String apiKey = System.getenv("POOLSE_API_KEY");
        String command = System.getenv("POOLSE_TOKEN_COMMAND");
        if (apiKey != null && !apiKey.isBlank()) {
            return TokenBackend.withApiKey(apiUrl, apiKey);
        }
        if (command != null && !command.isBlank()) {
            return TokenBackend.withCommand(command);
        }
        throw new IllegalStateException("POOLSE_API_URL is set: also set POOLSE_API_KEY or POOLSE_TOKEN_COMMAND");
    }

    private void run(URI apiUrl, TokenBackend backend) throws Exception {
        try (Poolse alice = client(apiUrl, backend, "alice");
             Poolse bob = client(apiUrl, backend, "bob")) {

            Me aliceMe = alice.me().show();
            Me bobMe = bob.me().show();
            names.put(aliceMe.getId(), "alice");
            names.put(bobMe.getId(), "bob");
            transcript.step("1. alice and bob are signed in: " + aliceMe.getId() + ", " + bobMe.getId());

            UserChannel aliceInbox = watchUser("alice", alice.realtime().user(aliceMe.getId()));
            UserChannel bobInbox = watchUser("bob", bob.realtime().user(bobMe.getId()));
            // Events are only delivered to joined channels: wait for both joins before acting.
            CompletableFuture.allOf(aliceInbox.joined(), bobInbox.joined()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            transcript.step("2. alice creates a group conversation with bob",
                    "alice conversation:created", "bob conversation:created");
            Conversation conv = alice.conversations().create(new ConversationCreateRequest()
                    .type(ConversationType.GROUP)
                    .name("Launch room")
                    .memberExternalIds(List.of("bob")));
            transcript.awaitStep(WAIT);

            transcript.step("3. alice joins the conversation in realtime", "alice presence");
            ConversationChannel aliceRoom = watchConversation("alice", alice.realtime().conversation(conv.getId()));
            transcript.awaitStep(WAIT);

            transcript.step("4. bob joins too", "alice presence", "bob presence");
            ConversationChannel bobRoom = watchConversation("bob", bob.realtime().conversation(conv.getId()));
            transcript.awaitStep(WAIT);
            transcript.note("bob sees online: " + onlineNames(bobRoom));

            transcript.step("5. alice types, then pauses", "bob typing:start", "bob typing:stop");
            aliceRoom.sendTyping();
            transcript.awaitStep(WAIT);

            // Every message reaches both members; sending also moves the sender's own read cursor,
            // and each member's inbox entry (user channel) is updated.
            String[] messageEvents = {
                    "alice message:new", "bob message:new", "alice member:read", "bob member:read",
                    "alice conversation:updated", "bob conversation:updated"};

            transcript.step("6. alice sends a message", messageEvents);
            Message hello = alice.conversations().one(conv.getId()).messages()
                    .send(new MessageCreateRequest().body("Hi Bob! Launch is at 3pm."));
            transcript.awaitStep(WAIT);

            transcript.step("7. bob replies in a thread under alice's message (its reply count changes)",
                    concat(messageEvents, "alice message:updated", "bob message:updated"));
            bob.conversations().one(conv.getId()).messages()
                    .send(new MessageCreateRequest().body("I'll bring the release notes.").replyToId(hello.getId()));
            transcript.awaitStep(WAIT);
            List<Message> thread = alice.messages().one(hello.getId()).replies(ReplyQuery.oldest(100)).getData();
            transcript.note("thread of \"" + hello.getBody() + "\" has " + thread.size() + " reply");

            transcript.step("8. bob quotes alice's message and mentions her", concat(messageEvents, "alice mention:new"));
            Message quote = bob.conversations().one(conv.getId()).messages().send(new MessageCreateRequest()
                    .body("@alice can we move it to 4pm?")
                    .quotedMessageId(hello.getId())
                    .mentions(List.of(aliceMe.getId())));
            transcript.awaitStep(WAIT);

            transcript.step("9. alice reacts to the quote", "alice reaction:added", "bob reaction:added");
            alice.messages().one(quote.getId()).addReaction("👍");
            transcript.awaitStep(WAIT);

            transcript.step("10. alice uploads the launch plan and shares it", messageEvents);
            byte[] plan = launchPlan(512 * 1024);
            ProgressBar bar = new ProgressBar(System.out, "launch-plan.pdf");
            Attachment attachment = alice.attachments().upload(
                    AttachmentUpload.of(plan, "application/pdf").filename("launch-plan.pdf"),
                    progress -> bar.update(progress.loaded(), progress.total()));
            Message planMessage = alice.conversations().one(conv.getId()).messages().send(new MessageCreateRequest()
                    .body("Here is the plan.")
                    .attachmentIds(List.of(attachment.getId())));
            transcript.awaitStep(WAIT);
            transcript.note("bob downloads it from " + shorten(bob.attachments().one(attachment.getId()).downloadUrl().getUrl()));

            // Sending moves the sender's own read cursor, so bob marks alice's newer message read.
            transcript.step("11. bob marks the conversation read", "alice member:read", "bob member:read");
            bob.conversations().one(conv.getId()).messages().markRead(planMessage.getId());
            transcript.awaitStep(WAIT);

            transcript.step("12. alice edits, then deletes, her first message",
                    "alice message:updated", "bob message:updated", "alice message:deleted", "bob message:deleted");
            alice.messages().one(hello.getId()).update(new MessageUpdateRequest().body("Hi Bob! Launch moved to 4pm."));
            alice.messages().one(hello.getId()).delete();
            transcript.awaitStep(WAIT);

            transcript.step("13. bob's inbox");
            for (Conversation c : bob.conversations().list().getData()) {
                transcript.note(String.format("%-12s unread %d, last: %s", c.getName(), c.getUnreadCount(), c.getLastMessagePreview()));
            }

            transcript.step("14. bob signs off", "alice presence");
            bob.close();
            transcript.awaitStep(WAIT);
        }
        transcript.step("Done: " + transcript.size() + " realtime events delivered to alice and bob.");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private Poolse client(URI apiUrl, TokenBackend backend, String externalId) {
        return Poolse.builder()
                .apiUrl(apiUrl.toString())
                .tokenProvider(() -> backend.tokenFor(externalId))
                .onSocketError(err -> transcript.note(externalId + " socket: " + err.getMessage()))
                .build();
    }

    private UserChannel watchUser(String who, UserChannel channel) {
        channel.onConversationCreated(c -> transcript.received(who, "conversation:created", "\"" + c.getName() + "\""));
        channel.onMention(m -> transcript.received(who, "mention:new", "by " + name(m.senderId())));
        channel.onConversationUpdated(u -> transcript.received(who, "conversation:updated",
                "unread " + u.conversation().getUnreadCount() + ", last \"" + u.conversation().getLastMessagePreview() + "\""));
        return channel;
    }

    private ConversationChannel watchConversation(String who, ConversationChannel room) {
        room.onMessage(m -> transcript.received(who, "message:new", describe(m)));
        room.onMessageUpdated(m -> transcript.received(who, "message:updated", describe(m)));
        room.onMessageDeleted(d -> transcript.received(who, "message:deleted", "id " + d.id()));
        room.onReactionAdded(r -> transcript.received(who, "reaction:added", r.emoji() + " by " + name(r.userId())));
        room.onReactionRemoved(r -> transcript.received(who, "reaction:removed", r.emoji() + " by " + name(r.userId())));
        room.onMemberRead(r -> transcript.received(who, "member:read", name(r.userId()) + " read up to " + r.lastReadMessageId()));
        room.onTypingStart(t -> transcript.received(who, "typing:start", name(t.userId()) + " is typing"));
        room.onTypingStop(t -> transcript.received(who, "typing:stop", name(t.userId()) + " stopped typing"));
        // Presence events repeat while both sides join; print only when the online set changes.
        AtomicReference<String> lastOnline = new AtomicReference<>("");
        Runnable presence = () -> {
            String online = onlineNames(room);
            if (!online.equals(lastOnline.getAndSet(online))) {
                transcript.received(who, "presence", "online: " + online);
            }
        };
        room.onPresenceState(p -> presence.run());
        room.onPresenceDiff(d -> presence.run());
        return room;
    }

    private String onlineNames(ConversationChannel room) {
        return room.presence().onlineKeys().stream()
                .map(key -> names.getOrDefault(UUID.fromString(key), key))
                .sorted()
                .toList()
                .toString();
    }

    private String describe(Message m) {
        StringBuilder s = new StringBuilder(name(m.getSenderId())).append(": \"").append(m.getBody()).append('"');
        if (m.getThreadRootId() != null) {
            s.append(" (thread reply)");
        }
        if (m.getQuotedMessage() != null) {
            s.append(" (quoting \"").append(m.getQuotedMessage().getBody()).append("\")");
        }
        if (m.getAttachments() != null) {
            m.getAttachments().forEach(a -> s.append(" [").append(a.getOriginalFilename()).append(", ")
                    .append(a.getByteSize()).append(" bytes, ").append(a.getStatus()).append(']'));
        }
        return s.toString();
    }

    private String name(UUID userId) {
        return userId == null ? "system" : names.getOrDefault(userId, userId.toString());
    }

    private static String shorten(String url) {
        return url.length() > 72 ? url.substring(0, 72) + "…" : url;
    }

    private static byte[] launchPlan(int size) {
        byte[] bytes = new byte[size];
        byte[] text = "%PDF-1.4 launch plan ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = text[i % text.length];
        }
        return bytes;
    }
}
