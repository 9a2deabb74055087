package dev.poolse.examples;

import dev.poolse.client.model.CallMedia;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Me;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.sdk.ConversationMessages;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.NetworkException;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.RequestOptions;
import dev.poolse.sdk.realtime.CallState;
import dev.poolse.sdk.realtime.Calls;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.UserChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * the last messages, {@code /quit} leaves. In a terminal the line is edited with JLine, and every
 * keystroke tells the other side you are typing; with input from a pipe lines are read plainly. The user whose external id sorts first opens the direct
 * conversation; the other one waits for it, so the two never create two conversations.
 */
public final class TerminalChat {

    /** The one-line usage, printed with every argument mistake. */
    static final String USAGE = "usage: ./poolse-demo chat --as NAME --with NAME [--server URL] [--api-key KEY] [--retry-for SECONDS]";

    private static final String HELP = USAGE + """


            Chats with another user in this terminal. Start a dev server first:
              java -jar devserver/target/poolse-devserver.jar
            then run the chat in two terminals:
              ./poolse-demo chat --as alice --with bob
              ./poolse-demo chat --as bob --with alice

              --as NAME            your external id
              --with NAME          the other user's external id
              --server URL         the backend (default http://127.0.0.1:4000)
              --api-key KEY        tenant API key (default $POOLSE_DEV_API_KEY or pk_test_poolse_dev)
              --retry-for SECONDS  how long a message waits for a lost server to come back (default 30)

            In the chat: /who lists who is online, /history shows the last messages, /call rings the
            other user, /answer takes their call, /hangup ends, cancels or declines one, /quit leaves.
            A call here is signalling only: the media (audio, video) is up to a real app.
            """;

    /** Exit status for a mistake in the arguments, as most command-line tools use it. */
    static final int EXIT_USAGE = 2;
    /** Exit status when the chat could not start (server unreachable, refused, ...). */
    static final int EXIT_FAILED = 1;

    private static final Set<String> OPTIONS = Set.of("--as", "--with", "--server", "--api-key", "--retry-for");

    private final PrintStream out;
    private final URI server;
    private final Duration retryFor;
    /** Last realtime status seen, so that reconnect attempts are reported once, not per attempt. */
    private volatile RealtimeStatus socketStatus = RealtimeStatus.IDLE;

    private TerminalChat(PrintStream out, URI server, Duration retryFor) {
        this.out = out;
        this.server = server;
        this.retryFor = retryFor;
    }

    /**
     * Runs the chat until {@code /quit} or end of input, then exits with {@link #run}'s status
     * when it is not 0.
     *
     * @param args {@code --as NAME --with NAME [--server URL] [--api-key KEY] [--retry-for SECONDS]}
     *     or {@code --help}
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, System.console() != null);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the chat on the given streams. Ordinary mistakes never end in a stack trace: they are
     * reported in one line on {@code err}.
     *
     * @param args the command-line arguments (after {@code chat})
     * @param in what the user types
     * @param out where the conversation is printed
     * @param err where usage and failures are printed
     * @return 0 after {@code /quit}, end of input or {@code --help}; {@value #EXIT_USAGE} for a
     *     mistake in the arguments; {@value #EXIT_FAILED} when the chat could not start
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    /**
     * Runs the chat on the given streams, reading them with the JLine line editor when
     * {@code lineEditor} is set (a terminal is attached): then "is typing" is sent while the user
     * types. Without it (input from a pipe or a file) lines are read plainly, and typing is sent
     * with each line.
     *
     * @param args the command-line arguments (after {@code chat})
     * @param in what the user types
     * @param out where the conversation is printed
     * @param err where usage and failures are printed
     * @param lineEditor whether to read {@code in} as a terminal
     * @return as {@link #run(String[], InputStream, PrintStream, PrintStream)}
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean lineEditor) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(HELP);
            return 0;
        }
        Map<String, String> options;
        URI server;
        Duration retryFor;
        try {
            options = parse(args);
            require(options, "--as");
            require(options, "--with");
            if (options.get("--as").equals(options.get("--with"))) {
                throw new UsageException("--as and --with must name two different users");
            }
            server = serverUri(options.getOrDefault("--server", "http://127.0.0.1:4000"));
            retryFor = seconds(options.getOrDefault("--retry-for", "30"));
        } catch (UsageException e) {
            err.println("chat: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        String apiKey = options.getOrDefault("--api-key",
                Optional.ofNullable(System.getenv("POOLSE_DEV_API_KEY")).orElse("pk_test_poolse_dev"));
        LineEditor editor = null;
        if (lineEditor) {
            try {
                editor = in == System.in ? LineEditor.system() : LineEditor.on(in, out);
            } catch (IOException | RuntimeException e) {
                editor = null; // no usable terminal after all: read plainly
            }
        }
        TerminalChat chat = new TerminalChat(editor == null ? out : editor.printer(), server, retryFor);
        try (TokenBackend backend = TokenBackend.withApiKey(server, apiKey)) {
            return chat.chat(options.get("--as"), options.get("--with"), backend, in, editor, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("chat: interrupted");
            return EXIT_FAILED;
        } finally {
            if (editor != null) {
                try {
                    editor.close();
                } catch (IOException e) {
                    // the terminal is going away anyway
                }
            }
        }
    }

    private int chat(String me, String other, TokenBackend backend, InputStream input, LineEditor editor,
            PrintStream err)
            throws InterruptedException {
        try (Poolse chat = Poolse.builder()
                .apiUrl(server.toString())
                .tokenProvider(() -> backend.tokenFor(me))
                .onSocketError(this::socketError)
                .build()) {
            Me self;
            Conversation conversation;
            ConversationChannel room;
            Calls calls;
            try {
                self = chat.me().show();
                conversation = openConversation(chat, self, me, other);
                chat.realtime().onStatus(this::socketStatus);
                room = chat.realtime().conversation(conversation.getId());
                calls = chat.calls();
                // A ring reaches only sockets that have joined the user's channel (the calls client
                // rides it): wait for that before saying the chat is ready.
                chat.realtime().user(self.getId()).joined().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                err.println("chat: " + startFailure(e));
                return EXIT_FAILED;
            }
            calls.onState(state -> callState(state, other, calls));
            room.onMessage(m -> {
                if (!self.getId().equals(m.getSenderId())) {
                    out.println(format(m));
                }
            });
            room.onTypingStart(t -> out.println("  (" + other + " is typing…)"));
            room.onPresenceDiff(d -> out.println("  (online: " + onlineNames(room) + ")"));
            if (editor != null) {
                editor.onKeystroke(room::sendTyping); // throttled by the SDK (one push per 2 s)
            }
            out.println("Chatting with " + other + " in " + conversation.getId()
                    + ". /who, /history, /call, /answer, /hangup, /quit");

            BufferedReader plain = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            try {
                for (String line = next(editor, plain); line != null; line = next(editor, plain)) {
                    String text = line.strip();
                    if (text.isEmpty()) {
                        continue;
                    }
                    switch (text) {
                        case "/quit" -> {
                            return 0;
                        }
                        case "/who" -> out.println("  online: " + onlineNames(room));
                        case "/history" -> history(chat, conversation.getId());
                        case "/call" -> callCommand(calls.place(conversation.getId(), CallMedia.AUDIO));
                        case "/answer" -> callCommand(calls.accept());
                        case "/hangup" -> callCommand(
                                calls.state().phase() == CallState.Phase.INCOMING_RINGING ? calls.decline() : calls.hangUp());
                        default -> {
                            if (editor == null) {
                                room.sendTyping(); // no keystrokes seen without a line editor
                            }
                            send(chat.conversations().one(conversation.getId()).messages(), text);
                        }
                    }
                }
            } catch (IOException e) {
                err.println("chat: cannot read the terminal: " + e.getMessage());
                return EXIT_FAILED;
            }
            return 0;
        }
    }

    private static String next(LineEditor editor, BufferedReader plain) throws IOException {
        return editor != null ? editor.readLine() : plain.readLine();
    }

    /**
     * Sends one line. When the server cannot be reached it says so, keeps trying (with the same
     * idempotency key, so a send whose answer was lost is not stored twice) for {@code retryFor},
     * and either sends the line once the server is back or says that it could not.
     */
    private void send(ConversationMessages messages, String text) throws InterruptedException {
        RequestOptions once = RequestOptions.defaults().withIdempotencyKey(UUID.randomUUID().toString());
        long deadline = System.nanoTime() + retryFor.toNanos();
        boolean announced = false;
        long pauseMillis = 250;
        while (true) {
            try {
                messages.send(new MessageCreateRequest().body(text), once);
                if (announced) {
                    out.println("  (the server is back: sent \"" + text + "\")");
                }
                return;
            } catch (RuntimeException e) {
                if (!isUnreachable(e)) {
                    out.println("  (not sent: " + describe(e) + ")");
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    out.println("  (could not send \"" + text + "\": the server at " + server
                            + " did not come back within " + retryFor.toSeconds() + " s)");
                    return;
                }
                if (!announced) {
                    out.println("  (cannot reach the server at " + server + "; reconnecting, trying for up to "
                            + retryFor.toSeconds() + " s…)");
                    announced = true;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pauseMillis)));
                pauseMillis = Math.min(pauseMillis * 2, 2_000);
            }
        }
    }

    /** Reports a call command that the SDK refused (not idle, no call to answer, ...); states print below. */
    private void callCommand(CompletableFuture<?> command) {
        command.whenComplete((ignored, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                out.println("  (call: " + cause.getMessage() + ")");
            }
        });
    }

    /** One line per call state; an ended call is dismissed so that the next one can start. */
    private void callState(CallState state, String other, Calls calls) {
        switch (state.phase()) {
            case OUTGOING_RINGING -> out.println("  (calling " + other + "… /hangup cancels)");
            case INCOMING_RINGING -> out.println("  (" + other + " is calling: /answer or /hangup)");
            case CONNECTING -> out.println("  (answering…)");
            case CONNECTED -> out.println("  (call connected with " + other + "; /hangup ends it)");
            case ENDED -> {
                out.println("  (call ended: " + state.endReason().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + ")");
                calls.dismiss();
            }
            case IDLE -> {
                // nothing to say: back to no call
            }
        }
    }

    private void socketStatus(RealtimeStatus status) {
        RealtimeStatus before = socketStatus;
        socketStatus = status;
        if (status == RealtimeStatus.RECONNECTING && before != RealtimeStatus.RECONNECTING) {
            out.println("  (live connection lost; reconnecting…)");
        } else if (status == RealtimeStatus.CONNECTED && before == RealtimeStatus.RECONNECTING) {
            out.println("  (live connection back)");
        }
    }

    private void socketError(Throwable error) {
        // While reconnecting every failed attempt reports here; the status line already said it.
        if (socketStatus != RealtimeStatus.RECONNECTING && !isUnreachable(error)) {
            out.println("  (connection: " + describe(error) + ")");
        }
    }

    /** One line saying why the chat could not start, with what to do about it. */
    private String startFailure(Throwable e) {
        if (isUnreachable(e)) {
            return "cannot reach the dev server at " + server + "; start it with: "
                    + "java -jar devserver/target/poolse-devserver.jar (or pass --server URL)";
        }
        return "could not start the chat with " + server + ": " + describe(e);
    }

    /** Whether this failure means the server could not be reached at all (as opposed to an answer). */
    static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NetworkException
                    || t instanceof ConnectException
                    || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException
                    || t instanceof ClosedChannelException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The messages of a failure and its causes, without class names or stack frames. */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank() || s.indexOf(m) >= 0) {
                continue;
            }
            if (s.length() > 0) {
                s.append(": ");
            }
            s.append(m);
        }
        return s.length() == 0 ? e.getClass().getSimpleName() : s.toString();
    }

    private Conversation openConversation(Poolse chat, Me self, String me, String other) throws Exception {
        Optional<Conversation> existing = findDirect(chat, me, other);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (me.compareTo(other) < 0) {
            return chat.conversations().create(new ConversationCreateRequest()
                    .type(ConversationType.DIRECT)
                    .memberExternalIds(List.of(other)));
        }
        out.println("Waiting for " + other + " to open the chat…");
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

    private void history(Poolse chat, UUID conversationId) {
        List<Message> newestFirst;
        try {
            newestFirst = new ArrayList<>(
                    chat.conversations().one(conversationId).messages().list(MessageQuery.newest(20)).getData());
        } catch (RuntimeException e) {
            out.println("  (cannot load the history: " + describe(e) + ")");
            return;
        }
        Collections.reverse(newestFirst);
        newestFirst.forEach(m -> out.println(format(m)));
    }

    private static String format(Message m) {
        String who = m.getSenderExternalId() == null ? "system" : m.getSenderExternalId();
        String body = m.getDeletedAt() != null ? "(deleted)" : m.getBody();
        return String.format("  #%d %s: %s", m.getSequence(), who, body);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!OPTIONS.contains(name)) {
                throw new UsageException(name.startsWith("-") ? "unknown option " + name : "unexpected argument " + name);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException(name + " needs a value");
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    private static void require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing " + name);
        }
    }

    private static URI serverUri(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException("--server must be an http:// or https:// URL, got " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--server is not a URL: " + value);
        }
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--retry-for must be a whole number of seconds, got " + value);
    }

    /** A mistake in the command line: reported with the usage line, exit status 2. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
