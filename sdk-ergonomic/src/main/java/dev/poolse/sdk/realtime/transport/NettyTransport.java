package dev.poolse.sdk.realtime.transport;

import dev.poolse.sdk.realtime.RealtimeException;
import dev.poolse.sdk.realtime.UpgradeRefusedException;
import dev.poolse.sdk.realtime.phoenix.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * WebSocket connections over Netty: {@code ws} and {@code wss} (TLS with certificate and hostname
 * verification, configured by the {@link SslContext} given), no {@code Origin} header (Phoenix
 * rejects a wrong one and accepts none), a maximum inbound message size, and a bounded connect and
 * upgrade time. Binary frames are ignored: Poolse never sends them.
 *
 * <p>Every connection is registered on the one event loop given, which is also the thread of the
 * socket's scheduler, so listener calls need no hand-off.
 */
public final class NettyTransport implements Transport {
    private final EventLoop loop;
    private final SslContext sslContext;
    private final int maxFrameBytes;
    private final Duration connectTimeout;

    /**
     * A transport.
     *
     * @param loop the event loop connections are registered on
     * @param sslContext client TLS context for {@code wss} URLs
     * @param maxFrameBytes largest inbound message, after reassembly of continuation frames
     * @param connectTimeout bound on TCP connect, TLS and upgrade together
     */
    public NettyTransport(EventLoop loop, SslContext sslContext, int maxFrameBytes, Duration connectTimeout) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        this.maxFrameBytes = maxFrameBytes;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * The client TLS context of the realtime socket: the JDK's TLS, certificate verification
     * against the given trust material (the JDK's default trust store when {@code null}), and
     * hostname verification ({@code HTTPS} endpoint identification) always on.
     *
     * @param trustManagerFactory custom trust material, or {@code null}
     * @return the context
     * @throws IllegalStateException when TLS cannot be initialised
     */
    public static SslContext clientSslContext(TrustManagerFactory trustManagerFactory) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm("HTTPS");
            if (trustManagerFactory != null) {
                builder.trustManager(trustManagerFactory);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot initialise TLS for the realtime socket", e);
        }
    }

    @Override
    public Connection connect(URI uri, Listener listener) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(listener, "listener");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean secure = "wss".equals(scheme);
        if (!secure && !"ws".equals(scheme)) {
            throw new IllegalArgumentException("not a WebSocket URL: " + uri);
        }
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, maxFrameBytes,
                true, false, 2_000L, false, false);
        NettyConnection connection = new NettyConnection(handshaker, listener);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (secure) {
                            // host and port enable SNI and the hostname check of the context.
                            p.addLast("tls", sslContext.newHandler(ch.alloc(), host, port));
                        }
                        p.addLast("http", new HttpClientCodec());
                        p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
                        p.addLast("ws", connection);
                    }
                });
        ChannelFuture future = bootstrap.connect(host, port);
        connection.attach(future.channel());
        future.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                connection.finish(1006, "connect failed", new RealtimeException("could not connect to " + host + ":" + port, f.cause()));
            }
        });
        return connection;
    }

    /** One connection: the handshake, then frames both ways. */
    private final class NettyConnection extends SimpleChannelInboundHandler<Object> implements Connection {
        private final WebSocketClientHandshaker handshaker;
        private final Listener listener;
        private Channel channel;
        private boolean opened;
        private boolean finished;
        private int closeCode = 1006;
        private String closeReason = "";
        private Throwable failure;
        private ScheduledFuture<?> upgradeTimeout;

        NettyConnection(WebSocketClientHandshaker handshaker, Listener listener) {
            this.handshaker = handshaker;
            this.listener = listener;
        }

        void attach(Channel ch) {
            this.channel = ch;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            upgradeTimeout = ctx.executor().schedule(() -> {
                if (!opened) {
                    failure = new RealtimeException("WebSocket upgrade timed out", null);
                    ctx.close();
                }
            }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            handshaker.handshake(ctx.channel()).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    failure = f.cause();
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (upgradeTimeout != null) {
                upgradeTimeout.cancel(false);
            }
            finish(closeCode, closeReason, failure);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                if (msg instanceof FullHttpResponse response) {
                    try {
                        handshaker.finishHandshake(ctx.channel(), response);
                    } catch (WebSocketClientHandshakeException e) {
                        int status = e.response() != null ? e.response().status().code() : response.status().code();
                        failure = status >= 300 ? new UpgradeRefusedException(status) : e;
                        ctx.close();
                        return;
                    }
                    // Reassemble fragmented messages, bounded by the same limit as single frames.
                    ctx.pipeline().addBefore("ws", "ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
                    if (upgradeTimeout != null) {
                        upgradeTimeout.cancel(false);
                    }
                    opened = true;
                    listener.onOpen();
                }
                return;
            }
            if (!(msg instanceof WebSocketFrame frame)) {
                return;
            }
            if (frame instanceof TextWebSocketFrame text) {
                // The bytes, not text(): the codec parses UTF-8 directly, with no String in between.
                listener.onText(ByteBufUtil.getBytes(text.content()));
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode() == -1 ? 1005 : close.statusCode();
                closeReason = close.reasonText() == null ? "" : close.reasonText();
                ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, "")).addListener(ChannelFutureListener.CLOSE);
            } else if (frame instanceof BinaryWebSocketFrame || frame instanceof PongWebSocketFrame) {
                // Ignored: Poolse never sends binary frames, and pongs carry nothing we need.
                return;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }

        @Override
        public void send(String text) {
            Channel ch = channel;
            if (opened && ch != null && ch.isActive()) {
                ch.writeAndFlush(new TextWebSocketFrame(text));
            }
        }

        @Override
        public void close(int code, String reason) {
            Channel ch = channel;
            if (ch == null) {
                return;
            }
            if (opened && ch.isActive()) {
                ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
                // A dead peer never acknowledges: do not wait for it.
                ch.eventLoop().schedule(() -> { ch.close(); }, 1, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        }

        void finish(int code, String reason, Throwable cause) {
            if (finished) {
                return;
            }
            finished = true;
            listener.onClose(code, reason, cause);
        }
    }
}
