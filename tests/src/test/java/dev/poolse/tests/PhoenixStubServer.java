package dev.poolse.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare Phoenix endpoint on loopback for tests that need to send what the dev server never would:
 * it upgrades {@code /socket/websocket}, answers heartbeats and joins with {@code ok}, and otherwise
 * lets the test write any text or frame to every open socket. Optionally serves TLS.
 *
 * <p>Threading: one Netty event loop owned by this stub, gone after {@link #close()}; the recorded
 * counts and join refs are safe to read from any thread.
 */
@SuppressWarnings("deprecation") // NioEventLoopGroup: runs on Netty 4.1 and 4.2 alike
final class PhoenixStubServer implements AutoCloseable {
    private static final String PATH = "/socket/websocket";

    private final ObjectMapper mapper = new ObjectMapper();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger upgrades = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, String> joinRefs = new ConcurrentHashMap<>();
    private final Channel server;

    private PhoenixStubServer(SslContext ssl) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath(PATH).checkStartsWith(true).maxFramePayloadLength(8 * 1024 * 1024).build()));
                        ch.pipeline().addLast(new PhoenixHandler());
                    }
                });
        server = b.bind("127.0.0.1", 0).sync().channel();
    }

    /**
     * Starts a stub.
     *
     * @param sslOrNull the server TLS context for {@code wss}, or {@code null} for plain {@code ws}
     * @return the running stub
     * @throws InterruptedException if interrupted while binding
     */
    static PhoenixStubServer start(SslContext sslOrNull) throws InterruptedException {
        return new PhoenixStubServer(sslOrNull);
    }

    /** @return the bound port */
    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** @return WebSocket upgrades completed so far */
    int upgrades() {
        return upgrades.get();
    }

    /** @return TCP connections accepted so far (with or without a completed upgrade or TLS handshake) */
    int connections() {
        return connections.get();
    }

    /**
     * @param topic a topic
     * @return the join ref of the latest join of that topic, or {@code null} before one
     */
    String joinRef(String topic) {
        return joinRefs.get(topic);
    }

    /**
     * Writes a text frame to every open socket.
     *
     * @param text the frame text, sent as is
     */
    void sendText(String text) {
        sockets.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    /**
     * Writes a frame to every open socket.
     *
     * @param frame the frame; released by Netty
     */
    void sendFrame(WebSocketFrame frame) {
        sockets.writeAndFlush(frame).syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        sockets.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers heartbeats, joins and leaves like a permissive Phoenix server. */
    private final class PhoenixHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                upgrades.incrementAndGet();
                sockets.add(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            JsonNode msg = mapper.readTree(frame.text());
            String joinRef = msg.get(0).isNull() ? null : msg.get(0).asText();
            String ref = msg.get(1).isNull() ? null : msg.get(1).asText();
            String topic = msg.get(2).asText();
            String event = msg.get(3).asText();
            if ("phx_join".equals(event)) {
                joinRefs.put(topic, joinRef);
            }
            if ("heartbeat".equals(event) || "phx_join".equals(event) || "phx_leave".equals(event)) {
                ArrayNode reply = mapper.createArrayNode();
                reply.add(joinRef).add(ref).add(topic).add("phx_reply");
                reply.addObject().put("status", "ok").putObject("response");
                ctx.writeAndFlush(new TextWebSocketFrame(mapper.writeValueAsString(reply)));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
