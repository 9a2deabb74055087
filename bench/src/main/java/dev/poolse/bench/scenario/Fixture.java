package dev.poolse.bench.scenario;

import dev.poolse.bench.harness.ThreadCpu;
import dev.poolse.bench.raw.RawPhoenixSocket;
import dev.poolse.bench.raw.RawRestClient;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An in-process dev server set up for measuring, plus the raw baseline clients that talk to it.
 *
 * <p>The server runs with the per-user rate limit off (a benchmark is a deliberate flood) and, unless asked,
 * without response validation, which checks every response against the OpenAPI document and would make the server
 * rather than the client the thing measured. Closing the fixture closes the server and every raw socket.
 */
final class Fixture implements AutoCloseable {

    private final PoolseDevServer server;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private EventLoopGroup rawLoops;

    private Fixture(PoolseDevServer server) {
        this.server = server;
    }

    /**
     * Starts a dev server on an ephemeral loopback port.
     *
     * @param validateResponses whether the server validates its responses (its default), or not (for measuring)
     * @return the fixture
     */
    static Fixture start(boolean validateResponses) {
        DevServerConfig config = DevServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .rateLimit(0)
                .validateResponses(validateResponses)
                .build();
        return new Fixture(PoolseDevServer.start(config));
    }

    PoolseDevServer server() {
        return server;
    }

    String apiUrl() {
        return server.apiUrl().toString();
    }

    String token(String externalId) {
        return server.mintToken(externalId);
    }

    /** The Phoenix endpoint the raw sockets connect to (the path before {@code /websocket}). */
    URI socketEndpoint() {
        String ws = server.wsUrl().toString();
        if (ws.endsWith("/")) {
            ws = ws.substring(0, ws.length() - 1);
        }
        return URI.create(ws.endsWith("/socket") ? ws : ws + "/socket");
    }

    RawRestClient raw(String externalId) {
        return new RawRestClient(server.apiUrl(), token(externalId));
    }

    /** Creates a group conversation owned by {@code owner} with the other users as members. */
    UUID createConversation(String owner, List<String> members) throws Exception {
        Objects.requireNonNull(members, "members");
        return raw(owner).createConversation(new ConversationCreateRequest().type(ConversationType.GROUP)
                .name("bench").memberExternalIds(members)).getId();
    }

    /** Opens a raw socket for a user; it is closed with the fixture. */
    RawPhoenixSocket rawSocket(String externalId, RawPhoenixSocket.FrameListener listener) throws Exception {
        RawPhoenixSocket socket = RawPhoenixSocket.connect(rawLoops(), socketEndpoint(), token(externalId), listener)
                .get(30, TimeUnit.SECONDS);
        synchronized (owned) {
            owned.add(socket);
        }
        return socket;
    }

    /** One event loop for all raw sockets, as a careful hand-written client would share. */
    synchronized EventLoopGroup rawLoops() {
        if (rawLoops == null) {
            // Named, so client CPU accounting can tell the raw client's thread from the server's.
            rawLoops = new MultiThreadIoEventLoopGroup(1,
                    new DefaultThreadFactory(ThreadCpu.RAW_PREFIX + "io", true), NioIoHandler.newFactory());
        }
        return rawLoops;
    }

    @Override
    public void close() {
        synchronized (owned) {
            for (AutoCloseable c : owned) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Closing is best effort; the server close below ends every connection anyway.
                }
            }
            owned.clear();
        }
        EventLoopGroup loops;
        synchronized (this) {
            loops = rawLoops;
            rawLoops = null;
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        server.close();
    }
}
