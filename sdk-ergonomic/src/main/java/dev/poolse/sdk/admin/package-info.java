/**
 * The server side of Poolse: {@link dev.poolse.sdk.admin.PoolseAdmin}, the client your backend
 * uses with the tenant API key to provision users and mint their end-user tokens, and
 * {@link dev.poolse.sdk.admin.PoolseAdmin#tokenProviderFor(String)}, which lets a backend service
 * act as one user through an ordinary {@link dev.poolse.sdk.Poolse} client.
 *
 * <p>The API key is only ever sent to the two API-key routes ({@code POST /v1/users} and
 * {@code POST /v1/users/{user_id}/tokens}); nothing in this package opens a socket, uploads a file
 * or prints the key.
 */
package dev.poolse.sdk.admin;
