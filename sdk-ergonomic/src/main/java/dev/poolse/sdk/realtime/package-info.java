/**
 * The realtime client: one Phoenix Channels WebSocket per {@code Poolse} instance, conversation
 * and user channels with typed listeners, presence and typing.
 *
 * <p><b>Threading model.</b>
 * <ul>
 *   <li>Each client is pinned to one Netty event loop (of a JVM-wide group shared by every client,
 *       reference-counted and shut down with the last one, unless a group is configured). Its
 *       connection, protocol state machine and timers all live on that thread, so no lock guards
 *       them and no thread exists per client or channel.</li>
 *   <li>Listeners never run there. Each channel has a lane: a serial queue over the callback
 *       executor ({@code callbackExecutor}, or a shared SDK pool of daemon threads named
 *       {@code poolse-realtime-callback-N}). A lane runs one listener call at a time, in event
 *       order; a slow listener delays only its own channel and never the socket; a throwing listener
 *       is reported to {@code onSocketError} and the next listener still runs. Status listeners and
 *       {@code onSocketError} share one more lane. The events of one socket read are queued on
 *       their lanes first and each lane is then handed to the executor once, so a burst costs one
 *       thread wake-up per lane, not one per event.</li>
 *   <li>Every public method is thread-safe and returns without waiting for the network; only
 *       {@link dev.poolse.sdk.realtime.PoolseRealtime#close()} waits (bounded) for the shutdown.</li>
 * </ul>
 *
 * <p><b>Delivery.</b> New messages of a conversation reach {@code onMessage} exactly once and in
 * sequence order across reconnects; see {@link dev.poolse.sdk.realtime.ConversationChannel}.
 */
package dev.poolse.sdk.realtime;
