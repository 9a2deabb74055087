package dev.poolse.examples;

import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Me;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.UserChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small terminal chat between two users of one Poolse backend: run it in two terminals,
 * {@code --as alice --with bob} and {@code --as bob --with alice}.
 *
 * <p>Lines you type are sent as messages; {@code /who} lists who is online, {@code /history} shows
 * the last messages, {@code /quit} leaves. The user whose external id sorts first opens the direct
 * conversation; the other one waits for it, so the two never create two conversations.
 */
public final class TerminalChat {

    private TerminalChat() {}

    /**
     * Runs the chat until {@code /quit} or end of input.
     *
     * @param args {@code --as NAME --with NAME [--server URL] [--api-key KEY]}
     * @throws Exception when the backend cannot be reached
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String me = require(options, "--as");
        String other = require(options, "--with");
        if (me.equals(other)) {
            throw new IllegalArgumentException("--as and --with must name two different users");
        }
        URI server = URI.create(options.getOrDefault("--server", "http://127.0.0.1:4000"));
        String apiKey = options.getOrDefault("--api-key",
                Optional.ofNullable(System.getenv("POOLSE_DEV_API_KEY")).orElse("pk_test_poolse_dev"));
        TokenBackend backend = TokenBackend.withApiKey(server, apiKey);

        try (Poolse chat = Poolse.builder()
                .apiUrl(server.toString())
                .tokenProvider(() -> backend.tokenFor(me))
                .onSocketError(err -> System.out.println("  (connection: " + err.getMessage() + ")"))
                .build()) {
            Me self = chat.me().show();
            Conversation conversation = openConversation(chat, self, me, other);
            ConversationChannel room = chat.realtime().conversation(conversation.getId());
            room.onMessage(m -> {
                if (!self.getId().equals(m.getSenderId())) {
                    System.out.println(format(m));
                }
            });
            room.onTypingStart(t -> System.out.println("  (" + other + " is typing…)"));
            room.onPresenceDiff(d -> System.out.println("  (online: " + onlineNames(room) + ")"));
            System.out.println("Chatting with " + other + " in " + conversation.getId() + ". /who, /history, /quit");

            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                switch (text) {
                    case "/quit" -> {
                        return;
                    }
                    case "/who" -> System.out.println("  online: " + onlineNames(room));
                    case "/history" -> history(chat, conversation.getId());
                    default -> {
                        room.sendTyping();
                        chat.conversations().one(conversation.getId()).messages().send(new MessageCreateRequest().body(text));
                    }
                }
            }
        }
    }

    private static Conversation openConversation(Poolse chat, Me self, String me, String other) throws Exception {
        Optional<Conversation> existing = findDirect(chat, me, other);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (me.compareTo(other) < 0) {
            return chat.conversations().create(new ConversationCreateRequest()
                    .type(ConversationType.DIRECT)
                    .memberExternalIds(List.of(other)));
        }
        System.out.println("Waiting for " + other + " to open the chat…");
        CompletableFuture<Conversation> created = new CompletableFuture<>();
        UserChannel inbox = chat.realtime().user(self.getId());
        try (var subscription = inbox.onConversationCreated(c -> {
            if (isDirectBetween(c, me, other)) {
                created.complete(c);
            }
        })) {
            // Once the user channel is joined no creation can be missed: look once for one made
            // before the join, then wait for the event. Bounded: ten minutes at most.
            inbox.joined().get(30, TimeUnit.SECONDS);
            findDirect(chat, me, other).ifPresent(created::complete);
            try {
                return created.get(10, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                throw new IllegalStateException(other + " did not open the chat within ten minutes", e);
            }
        }
    }

    /** External ids of everyone online, taken from their presence metas (one per device). */
    private static List<String> onlineNames(ConversationChannel room) {
        return room.presence().entries().values().stream()
                .flatMap(List::stream)
                .map(meta -> meta.externalId() == null ? "?" : meta.externalId())
                .distinct()
                .sorted()
                .toList();
    }

    private static Optional<Conversation> findDirect(Poolse chat, String me, String other) {
        return chat.conversations().list().getData().stream()
                .filter(c -> isDirectBetween(c, me, other))
                .min(Comparator.comparing(Conversation::getInsertedAt));
    }

    private static boolean isDirectBetween(Conversation c, String me, String other) {
        return c.getType() == ConversationType.DIRECT
                && c.getMemberExternalIds() != null
                && Set.copyOf(c.getMemberExternalIds()).equals(Set.of(me, other));
    }

    private static void history(Poolse chat, UUID conversationId) {
        List<Message> newestFirst = new ArrayList<>(
                chat.conversations().one(conversationId).messages().list(MessageQuery.newest(20)).getData());
        Collections.reverse(newestFirst);
        newestFirst.forEach(m -> System.out.println(format(m)));
    }

    private static String format(Message m) {
        String who = m.getSenderExternalId() == null ? "system" : m.getSenderExternalId();
        String body = m.getDeletedAt() != null ? "(deleted)" : m.getBody();
        return String.format("  #%d %s: %s", m.getSequence(), who, body);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + name + " (usage: chat --as alice --with bob)");
        }
        return value;
    }
}
