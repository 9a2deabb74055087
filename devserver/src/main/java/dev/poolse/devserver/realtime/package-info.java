/**
 * The dev server's Phoenix Channels WebSocket: frame parsing, per-socket sessions, the hub that
 * routes joins, pushes, presence and typing, and the per-conversation event log used for replay.
 */
package dev.poolse.devserver.realtime;
