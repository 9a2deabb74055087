/**
 * Fault injection for tests: failed, delayed and reset HTTP exchanges, dropped sockets, silent
 * heartbeats and revoked tokens, reached through {@code PoolseDevServer.faults()}.
 */
package dev.poolse.devserver.faults;
