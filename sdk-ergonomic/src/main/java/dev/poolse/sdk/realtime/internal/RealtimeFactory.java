package dev.poolse.sdk.realtime.internal;

import dev.poolse.sdk.realtime.PoolseRealtime;
import dev.poolse.sdk.realtime.RealtimeSettings;

/** Creates the realtime client for one {@code Poolse} instance. Internal. */
public final class RealtimeFactory {
    private RealtimeFactory() {}

    /** A dormant realtime client; it connects on the first channel request. */
    public static PoolseRealtime create(RealtimeSettings settings, RealtimeBackend backend) {
        throw new UnsupportedOperationException("realtime client not yet wired (seam placeholder)");
    }
}
