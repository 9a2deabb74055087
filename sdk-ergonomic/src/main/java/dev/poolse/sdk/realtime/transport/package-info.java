/**
 * The Netty WebSocket transport of the realtime client, the JVM-wide shared event-loop group and
 * the event-loop scheduler. Internal: public only for the SDK's own wiring.
 *
 * <p>Each realtime client is pinned to one event loop of the group: its connections are registered
 * there and its protocol engine and timers run there, so a client needs no lock and no thread of
 * its own. User callbacks never run on these threads.
 */
package dev.poolse.sdk.realtime.transport;
