package dev.poolse.bench.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.bench.harness.ThreadCpu;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stub Phoenix server on loopback that makes a realtime client the bottleneck: it answers {@code phx_join} with
 * an ok reply carrying {@code {"revision": 0}}, pushes one {@code presence_state}, answers heartbeats and leaves, and
 * from then on sends the joined conversation's {@link BlastFrames} as fast as the client reads them.
 *
 * <p>It never buffers without bound: it writes while the connection is writable (a write buffer of at most 256 KiB
 * above the kernel's socket buffers) in batches of at most 256 frames, yields to the event loop between batches so
 * heartbeats are still read, and resumes when the connection becomes writable again. It serves no REST route: any
 * plain HTTP request (the SDK's catch-up call, were one made) is answered 404 and counted in
 * {@link #restAttempts()}.
 *
 * <p>Its threads are named {@value ThreadCpu#STUB_SERVER_PREFIX}*, so client CPU accounting leaves them out. Close
 * it to end every connection and thread.
 */
public final class PhoenixBlaster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 256;

    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicLong restAttempts = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong joins = new AtomicLong();
    private volatile boolean stopped;

    private PhoenixBlaster(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Starts the server on an ephemeral port of 127.0.0.1.
     *
     * @return the running server
     * @throws InterruptedException if interrupted while binding
     */
    public static PhoenixBlaster start() throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(ThreadCpu.STUB_SERVER_PREFIX + "io", true), NioIoHandler.newFactory());
        PhoenixBlaster[] self = new PhoenixBlaster[1];
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/socket/websocket")
                .checkStartsWith(true) // the path carries ?token=…&vsn=2.0.0
                .maxFramePayloadLength(1 << 20)
                .build();
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            self[0].connections.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                    new WebSocketServerProtocolHandler(ws), self[0].new Connection());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            self[0] = new PhoenixBlaster(group, server);
            return self[0];
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Returns the base URL to give the SDK as its API URL; its socket URL follows from it.
     *
     * @return for example {@code http://127.0.0.1:40123}
     */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
    }

    /**
     * Returns the endpoint a raw client connects to, without the {@code /websocket} suffix.
     *
     * @return for example {@code ws://127.0.0.1:40123/socket}
     */
    public URI socketEndpoint() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/socket");
    }

    /**
     * Returns how many plain HTTP requests (REST calls) reached the server; the stub serves none.
     *
     * @return the count
     */
    public long restAttempts() {
        return restAttempts.get();
    }

    /**
     * Returns how many blasted frames were written.
     *
     * @return the count
     */
    public long framesSent() {
        return framesSent.get();
    }

    /**
     * Returns how many joins were answered.
     *
     * @return the count
     */
    public long joins() {
        return joins.get();
    }

    /** Closes every connection and stops the server's thread. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** One client connection: Phoenix control frames in, the blast out. Runs on the connection's event loop. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private BlastFrames frames;
        private boolean blasting;
        private boolean pumpQueued;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof FullHttpRequest) {
                    restAttempts.incrementAndGet();
                    DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(
                            ((FullHttpRequest) msg).protocolVersion(), HttpResponseStatus.NOT_FOUND);
                    notFound.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0)
                            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
                } else if (msg instanceof TextWebSocketFrame frame) {
                    onFrame(ctx, JSON.readTree(frame.text()));
                }
            } catch (Exception e) {
                ctx.close(); // a malformed frame ends the connection, as on a real Phoenix server
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onFrame(ChannelHandlerContext ctx, JsonNode array) {
            String joinRef = array.path(0).isNull() ? null : array.path(0).asText();
            String ref = array.path(1).asText();
            String topic = array.path(2).asText();
            String event = array.path(3).asText();
            switch (event) {
                case "heartbeat" -> reply(ctx, null, ref, topic, JsonNodeFactory.instance.objectNode());
                case "phx_join" -> {
                    if (!topic.startsWith("conversation:")) {
                        ObjectNode reason = JsonNodeFactory.instance.objectNode().put("reason", "unmatched topic");
                        replyStatus(ctx, joinRef, ref, topic, "error", reason);
                        return;
                    }
                    UUID conversation = UUID.fromString(topic.substring("conversation:".length()));
                    joins.incrementAndGet();
                    reply(ctx, joinRef, ref, topic,
                            JsonNodeFactory.instance.objectNode().put("revision", BlastFrames.JOIN_REVISION));
                    ctx.writeAndFlush(new TextWebSocketFrame(BlastFrames.presenceState(conversation, joinRef)));
                    // One blasted topic per connection is all the benchmark needs; a second join restarts it.
                    frames = new BlastFrames(conversation);
                    blasting = true;
                    pump(ctx);
                }
                case "phx_leave" -> {
                    blasting = false;
                    reply(ctx, joinRef, ref, topic, JsonNodeFactory.instance.objectNode());
                }
                default -> {
                    // Pushes such as typing get no reply, as on the real server.
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (ctx.channel().isWritable() && !pumpQueued) {
                pump(ctx);
            }
            super.channelWritabilityChanged(ctx);
        }

        private void pump(ChannelHandlerContext ctx) {
            if (!blasting || stopped || !ctx.channel().isActive()) {
                return;
            }
            int n = 0;
            while (n < BATCH && ctx.channel().isWritable()) {
                ByteBuf buf = ctx.alloc().buffer(768);
                frames.next(buf);
                ctx.write(new TextWebSocketFrame(buf));
                n++;
            }
            framesSent.addAndGet(n);
            ctx.flush();
            if (ctx.channel().isWritable() && !pumpQueued) {
                // Yield between batches so inbound frames (heartbeats, a leave) are still read.
                pumpQueued = true;
                ctx.executor().execute(() -> {
                    pumpQueued = false;
                    pump(ctx);
                });
            }
        }

        private void reply(ChannelHandlerContext ctx, String joinRef, String ref, String topic, JsonNode response) {
            replyStatus(ctx, joinRef, ref, topic, "ok", response);
        }

        private void replyStatus(ChannelHandlerContext ctx, String joinRef, String ref, String topic, String status,
                                 JsonNode response) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(5);
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("status", status);
            payload.set("response", response);
            out.add(joinRef).add(ref).add(topic).add("phx_reply").add(payload);
            ctx.writeAndFlush(new TextWebSocketFrame(out.toString()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
