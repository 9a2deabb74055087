package dev.poolse.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.devserver.junit.PoolseDevServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import kotlin.Unit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.phoenixframework.Channel;
import org.phoenixframework.Defaults;
import org.phoenixframework.Message;
import org.phoenixframework.Presence;
import org.phoenixframework.Socket;

/**
 * Drives the gateway with a third-party Phoenix client (JavaPhoenixClient), so the server is
 * checked against code nobody here wrote.
 */
@ExtendWith(PoolseDevServerExtension.class)
class PhoenixConformanceIT {
  /** Generous: the first connect loads the client library's classes, slow on a loaded machine. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  static PoolseDevServer server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private OkHttpClient okHttp;
  private TestHttp http;

  @BeforeEach
  void setUp() {
    okHttp = new OkHttpClient();
    http = new TestHttp(server.apiUrl());
  }

  @AfterEach
  void tearDown() {
    for (Socket s : sockets) {
      s.disconnect(1000, null, null);
    }
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    assertThat(server.specViolations()).isEmpty();
  }

  private Socket socket(String token) {
    Socket s = new Socket(server.wsUrl() + "/socket", Map.of("token", token), Defaults.VSN,
        Defaults.INSTANCE.getEncode(), Defaults.INSTANCE.getDecode(), okHttp);
    // Keep the client from retrying refused connects in the background of other tests.
    s.setReconnectAfterMs(tries -> 60_000L);
    sockets.add(s);
    return s;
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  private String conversation(String token, String... others) {
    return http.post("/v1/conversations", token, "{\"type\":\"group\",\"member_external_ids\":"
        + TestHttp.json(List.of(others)) + "}").json().get("id").asText();
  }

  private static CompletableFuture<Message> join(Channel channel) {
    CompletableFuture<Message> reply = new CompletableFuture<>();
    channel.join(10_000)
        .receive("ok", m -> { reply.complete(m); return Unit.INSTANCE; })
        .receive("error", m -> { reply.complete(m); return Unit.INSTANCE; });
    return reply;
  }

  @Test
  void connectsWithAValidToken() {
    Socket s = socket(server.mintToken(unique("a")));
    CompletableFuture<Boolean> opened = new CompletableFuture<>();
    s.onOpen(() -> { opened.complete(true); return Unit.INSTANCE; });
    s.connect();
    assertThat(opened).succeedsWithin(WAIT);
    await().atMost(WAIT).until(() -> server.counters().socketsOpen() >= 1);
  }

  @Test
  void refusesABadToken() {
    Socket s = socket("forged");
    CompletableFuture<Integer> refused = new CompletableFuture<>();
    s.onError((t, response) -> { refused.complete(response == null ? -1 : response.code()); return Unit.INSTANCE; });
    s.connect();
    assertThat(refused).succeedsWithin(WAIT).isEqualTo(403);
  }

  @Test
  void memberJoinsItsConversation() throws Exception {
    String t = server.mintToken(unique("a"));
    String conv = conversation(t);
    Socket s = socket(t);
    s.connect();
    Message reply = join(s.channel("conversation:" + conv, Map.of())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(reply.getStatus()).isEqualTo("ok");
  }

  @Test
  void nonMemberJoinIsRefusedWithForbidden() throws Exception {
    String conv = conversation(server.mintToken(unique("owner")));
    Socket s = socket(server.mintToken(unique("stranger")));
    s.connect();
    Channel ch = s.channel("conversation:" + conv, Map.of());
    Message reply = join(ch).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(reply.getStatus()).isEqualTo("error");
    // The client hands replies over unwrapped: the payload is the reply's response.
    assertThat(reply.getPayload()).containsEntry("reason", "forbidden");
    // Stop the client's rejoin schedule.
    ch.leave(1000);
  }

  @Test
  void presenceStateAndDiffReachTheClient() throws Exception {
    String alice = unique("alice");
    String bob = unique("bob");
    String conv = conversation(server.mintToken(alice), bob);
    Socket s = socket(server.mintToken(alice));
    s.connect();
    Channel ch = s.channel("conversation:" + conv, Map.of());
    Presence presence = new Presence(ch, Presence.Options.Companion.getDefaults());
    AtomicReference<String> joinedKey = new AtomicReference<>();
    presence.onJoin((key, current, joined) -> {
      if (key.equals(server.userId(bob).toString())) {
        joinedKey.set(key);
      }
      return Unit.INSTANCE;
    });
    assertThat(join(ch).get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo("ok");
    await().atMost(WAIT).until(() -> presence.getState().containsKey(server.userId(alice).toString()));

    Socket bobSocket = socket(server.mintToken(bob));
    bobSocket.connect();
    Channel bobChannel = bobSocket.channel("conversation:" + conv, Map.of());
    assertThat(join(bobChannel).get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo("ok");
    await().atMost(WAIT).until(() -> server.userId(bob).toString().equals(joinedKey.get()));

    bobSocket.disconnect(1000, null, null);
    await().atMost(WAIT).until(() -> !presence.getState().containsKey(server.userId(bob).toString()));
  }

  @Test
  void restMutationIsBroadcastToTheChannel() throws Exception {
    String t = server.mintToken(unique("a"));
    String conv = conversation(t);
    Socket s = socket(t);
    s.connect();
    Channel ch = s.channel("conversation:" + conv, Map.of());
    CompletableFuture<Message> received = new CompletableFuture<>();
    ch.on("message:new", m -> { received.complete(m); return Unit.INSTANCE; });
    assertThat(join(ch).get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo("ok");
    http.post("/v1/conversations/" + conv + "/messages", t, "{\"body\":\"over the wire\"}");
    Message m = received.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(m.getPayload().get("body")).isEqualTo("over the wire");
    assertThat(m.getJoinRef()).isNull();
  }

  @Test
  void typingPushGetsAnOkReply() throws Exception {
    String t = server.mintToken(unique("a"));
    String conv = conversation(t);
    Socket s = socket(t);
    s.connect();
    Channel ch = s.channel("conversation:" + conv, Map.of());
    assertThat(join(ch).get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo("ok");
    CompletableFuture<String> status = new CompletableFuture<>();
    ch.push("typing", Map.of(), 5000).receive("ok", m -> { status.complete("ok"); return Unit.INSTANCE; })
        .receive("error", m -> { status.complete("error"); return Unit.INSTANCE; });
    assertThat(status).succeedsWithin(WAIT).isEqualTo("ok");
  }
}
