/**
 * The Poolse SDK: {@link dev.poolse.sdk.Poolse}, its builder, the REST resources and handles
 * ({@code conversations()}, {@code messages()}, {@code attachments()}, {@code me()},
 * {@code users()}, {@code rest()}), and the exception hierarchy rooted at
 * {@link dev.poolse.sdk.PoolseException}.
 *
 * <p>Every REST call has a blocking form and an {@code …Async} form returning a
 * {@link java.util.concurrent.CompletableFuture}; the realtime client is in
 * {@link dev.poolse.sdk.realtime}. Packages named {@code internal} are not API.
 */
package dev.poolse.sdk;
