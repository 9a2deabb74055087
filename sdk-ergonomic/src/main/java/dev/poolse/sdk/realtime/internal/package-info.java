/**
 * Wiring of the realtime client: the {@code PoolseRealtime} implementation, channel handles,
 * listener lanes, gap-free message feed, and the factory and backend seam used by {@code Poolse}.
 * Internal: not part of the supported API.
 */
package dev.poolse.sdk.realtime.internal;
