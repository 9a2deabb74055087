/**
 * An example backend for Poolse, as a Spring Boot application: {@code GET /chat-token} gives the
 * signed-in user of a web or mobile app a Poolse token, and a support bot answers the messages of
 * the conversations it is in. It runs on the embedded dev server by default
 * ({@code ./poolse-demo backend}).
 */
package dev.poolse.examples.backend;
