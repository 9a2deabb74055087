package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.PoolseJson;
import dev.poolse.sdk.realtime.PoolseRealtime;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.transport.EventLoopScheduler;
import dev.poolse.sdk.realtime.transport.NettyTransport;
import dev.poolse.sdk.realtime.transport.SharedEventLoops;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;
import java.util.concurrent.Executor;

/** Creates the realtime client for one {@code Poolse} instance. Internal. */
public final class RealtimeFactory {
    private RealtimeFactory() {}

    /**
     * A dormant realtime client; it connects on the first channel request. It runs on one event
     * loop of the settings' group or of the JVM-wide shared group (leased until {@code close()}),
     * and calls listeners on the settings' callback executor or the shared callback pool.
     *
     * @param settings configuration; not {@code null}
     * @param backend tokens and REST pages; not {@code null}
     * @return the client
     */
    public static PoolseRealtime create(RealtimeSettings settings, RealtimeBackend backend) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(backend, "backend");
        SslContext ssl = NettyTransport.clientSslContext(settings.trustManagerFactory());
        boolean needShared = settings.eventLoopGroup() == null || settings.callbackExecutor() == null;
        SharedEventLoops.Lease lease = needShared ? SharedEventLoops.acquire() : null;
        EventLoopGroup group = settings.eventLoopGroup() != null ? settings.eventLoopGroup() : lease.group();
        Executor callbacks = settings.callbackExecutor() != null ? settings.callbackExecutor() : lease.callbacks();
        // One loop per client: its connection, engine and timers share that thread, lock-free.
        EventLoop loop = group.next();
        NettyTransport transport = new NettyTransport(loop, ssl, settings.maxFrameBytes(), settings.connectTimeout());
        return new DefaultPoolseRealtime(settings, backend, new EventLoopScheduler(loop), transport, callbacks,
                PoolseJson.newObjectMapper(), Backoff.reconnect(), Backoff.rejoin(),
                lease == null ? () -> { } : lease::release);
    }
}
