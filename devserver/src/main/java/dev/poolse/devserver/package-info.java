/**
 * An in-memory Poolse backend for tests and demos: {@link dev.poolse.devserver.PoolseDevServer}
 * serves the REST API and the Phoenix Channels WebSocket on loopback, validates every request and
 * response against the OpenAPI spec, and mints tokens; {@link dev.poolse.devserver.DevServerConfig}
 * configures it and {@link dev.poolse.devserver.Main} runs it from the command line.
 *
 * <p>The other packages are its implementation; only {@code faults} and {@code junit} are meant to
 * be used by tests.
 */
package dev.poolse.devserver;
