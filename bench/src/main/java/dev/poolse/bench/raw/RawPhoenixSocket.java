package dev.poolse.bench.raw;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.poolse.client.PoolseJson;
import dev.poolse.client.events.PresenceDiff;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Message;
import io.netty.buffer.ByteBuf;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline for the realtime figures: the least code that speaks Phoenix Channels (serializer 2.0.0) over a Netty
 * WebSocket — connect, join topics, answer nothing but send heartbeats, and hand every server frame to a listener.
 *
 * <p>No reconnect, no rejoin, no buffering, no presence: exactly the work an SDK cannot avoid (read the frame, parse
 * the JSON array, dispatch by event), so the SDK's figures can be read against it. The listener runs on the Netty
 * event loop, which is acceptable for a baseline that only counts; the SDK moves listeners off the loop, and that
 * hop is part of what the comparison shows.
 *
 * <p>Thread-safe: {@link #join} may be called from any thread; writes are handed to the channel's event loop by
 * Netty.
 */
public final class RawPhoenixSocket implements AutoCloseable {

    /** Receives every server frame other than replies to joins and heartbeats. */
    @FunctionalInterface
    public interface FrameListener {
        /**
         * Handles one frame. Runs on the socket's event loop; must be quick.
         *
         * @param topic the frame's topic
         * @param event the frame's event, for example {@code message:new}
         * @param payload the frame's payload object
         * @param receivedNanos {@link System#nanoTime()} when the frame was read
         */
        void onFrame(String topic, String event, JsonNode payload, long receivedNanos);
    }

    /**
     * Receives every server frame other than replies, its payload decoded by Jackson straight from the frame's bytes
     * into the typed event ({@link Message} for {@code message:new}, the generated records of
     * {@code dev.poolse.client.events} for the others), with no tree in between.
     */
    @FunctionalInterface
    public interface TypedListener {
        /**
         * Handles one decoded event. Runs on the socket's event loop; must be quick.
         *
         * @param topic the frame's topic
         * @param event the frame's event
         * @param value the decoded payload, or {@code null} for an event this client does not decode
         */
        void onEvent(String topic, String event, Object value);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper TYPED_JSON = PoolseJson.newObjectMapper();
    private static final Map<String, ObjectReader> TYPED_READERS = Map.of(
            "message:new", TYPED_JSON.readerFor(Message.class),
            "reaction:added", TYPED_JSON.readerFor(ReactionEvent.class),
            "typing:start", TYPED_JSON.readerFor(TypingEvent.class),
            "presence_diff", TYPED_JSON.readerFor(PresenceDiff.class));
    private static final long HEARTBEAT_SECONDS = 30;

    private final Channel channel;
    private final AtomicLong refs = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pendingReplies = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> heartbeat;

    private RawPhoenixSocket(Channel channel) {
        this.channel = channel;
        this.heartbeat = channel.eventLoop().scheduleAtFixedRate(
                () -> send(null, nextRef(), "phoenix", "heartbeat"), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Opens a socket and completes once the WebSocket handshake is done.
     *
     * @param group the event loops to run on, shared by many sockets; not null
     * @param endpoint the socket endpoint without the {@code /websocket} suffix, for example
     *     {@code ws://127.0.0.1:4000/socket}; not null
     * @param token the JWT sent as the {@code token} connect parameter; not null
     * @param listener receives the server frames; not null
     * @return the open socket, or a failed future when the connection or handshake fails
     */
    public static CompletableFuture<RawPhoenixSocket> connect(EventLoopGroup group, URI endpoint, String token,
                                                              FrameListener listener) {
        Objects.requireNonNull(listener, "listener");
        return connect(group, endpoint, token, listener, null);
    }

    /**
     * Opens a socket whose frames are decoded into typed events, and completes once the WebSocket handshake is
     * done: the baseline a typed SDK listener is compared with.
     *
     * @param group the event loops to run on; not null
     * @param endpoint the socket endpoint without the {@code /websocket} suffix; not null
     * @param token the JWT sent as the {@code token} connect parameter; not null
     * @param listener receives the decoded events; not null
     * @return the open socket, or a failed future when the connection or handshake fails
     */
    public static CompletableFuture<RawPhoenixSocket> connectTyped(EventLoopGroup group, URI endpoint, String token,
                                                                   TypedListener listener) {
        Objects.requireNonNull(listener, "listener");
        return connect(group, endpoint, token, null, listener);
    }

    private static CompletableFuture<RawPhoenixSocket> connect(EventLoopGroup group, URI endpoint, String token,
                                                               FrameListener listener, TypedListener typed) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(token, "token");
        String path = endpoint.toString();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        URI uri = URI.create(path + "/websocket?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&vsn=2.0.0");
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        CompletableFuture<RawPhoenixSocket> opened = new CompletableFuture<>();
        InboundHandler inbound = new InboundHandler(listener, typed, opened);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                // Real Phoenix servers reject a wrong Origin; a server-side client sends none.
                .generateOriginHeader(false)
                // The SDK's transport does not validate text frames' UTF-8 either (Jackson reads the bytes), and a
                // baseline must not do work the SDK skips: the validator was a quarter of this client's CPU.
                .withUTF8Validator(false)
                .maxFramePayloadLength(1 << 20)
                .handshakeTimeoutMillis(10_000)
                .build();
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config), inbound);
                    }
                })
                .connect(uri.getHost(), port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        opened.completeExceptionally(f.cause());
                    }
                });
        return opened;
    }

    /**
     * Joins a topic and completes with the join reply's response once the server accepts.
     *
     * @param topic the topic, for example {@code conversation:<uuid>}; not null
     * @return the reply, failed when the server answers with an error status or the socket closes
     */
    public CompletableFuture<JsonNode> join(String topic) {
        Objects.requireNonNull(topic, "topic");
        String ref = nextRef();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pendingReplies.put(ref, reply);
        send(ref, ref, topic, "phx_join");
        return reply;
    }

    /**
     * Returns how many server frames have been read, replies included.
     *
     * @return the frame count
     */
    public long framesReceived() {
        return frames.get();
    }

    /** Closes the connection and stops the heartbeat. Idempotent. */
    @Override
    public void close() {
        heartbeat.cancel(false);
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        pendingReplies.values().forEach(f -> f.completeExceptionally(new IllegalStateException("socket closed")));
    }

    private String nextRef() {
        return Long.toString(refs.incrementAndGet());
    }

    private void send(String joinRef, String ref, String topic, String event) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode(5);
        frame.add(joinRef).add(ref).add(topic).add(event).addObject();
        channel.writeAndFlush(new TextWebSocketFrame(frame.toString()));
    }

    private void complete(String ref, JsonNode payload) {
        CompletableFuture<JsonNode> reply = pendingReplies.remove(ref);
        if (reply == null) {
            return;
        }
        if ("ok".equals(payload.path("status").asText())) {
            reply.complete(payload.path("response"));
        } else {
            reply.completeExceptionally(new IllegalStateException("join refused: " + payload));
        }
    }

    /** Parses frames on the event loop and routes replies to their futures, everything else to the listener. */
    private static final class InboundHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final FrameListener listener;
        private final TypedListener typed;
        private final CompletableFuture<RawPhoenixSocket> opened;
        private volatile RawPhoenixSocket socket;

        InboundHandler(FrameListener listener, TypedListener typed, CompletableFuture<RawPhoenixSocket> opened) {
            this.listener = listener;
            this.typed = typed;
            this.opened = opened;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                socket = new RawPhoenixSocket(ctx.channel());
                opened.complete(socket);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            long now = System.nanoTime();
            RawPhoenixSocket s = socket;
            if (s == null) {
                return;
            }
            if (typed != null) {
                readTyped(s, frame.content());
                return;
            }
            JsonNode array = JSON.readTree(frame.text());
            s.frames.incrementAndGet();
            String event = array.path(3).asText();
            JsonNode payload = array.path(4);
            if ("phx_reply".equals(event)) {
                s.complete(array.path(1).asText(), payload);
            } else {
                listener.onFrame(array.path(2).asText(), event, payload, now);
            }
        }

        /** Streams through {@code [join_ref, ref, topic, event, payload]} and binds the payload to its type. */
        private void readTyped(RawPhoenixSocket s, ByteBuf content) throws java.io.IOException {
            byte[] bytes;
            int offset;
            int length = content.readableBytes();
            if (content.hasArray()) {
                bytes = content.array();
                offset = content.arrayOffset() + content.readerIndex();
            } else {
                bytes = new byte[length];
                content.getBytes(content.readerIndex(), bytes);
                offset = 0;
            }
            try (JsonParser p = TYPED_JSON.getFactory().createParser(bytes, offset, length)) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw new java.io.IOException("frame is not an array");
                }
                p.nextToken();
                p.nextToken();
                String ref = p.getValueAsString();
                p.nextToken();
                String topic = p.getValueAsString();
                p.nextToken();
                String event = p.getValueAsString();
                p.nextToken();
                s.frames.incrementAndGet();
                if ("phx_reply".equals(event)) {
                    s.complete(ref, TYPED_JSON.readTree(p));
                    return;
                }
                ObjectReader reader = TYPED_READERS.get(event);
                typed.onEvent(topic, event, reader == null ? null : reader.readValue(p));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            opened.completeExceptionally(new IllegalStateException("connection closed before the handshake"));
            RawPhoenixSocket s = socket;
            if (s != null) {
                s.heartbeat.cancel(false);
                s.pendingReplies.values()
                        .forEach(f -> f.completeExceptionally(new IllegalStateException("socket closed")));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }
    }
}
