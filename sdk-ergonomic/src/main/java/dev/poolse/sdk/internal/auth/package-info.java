/** Not API: the token cache shared by REST calls and the realtime socket. */
package dev.poolse.sdk.internal.auth;
