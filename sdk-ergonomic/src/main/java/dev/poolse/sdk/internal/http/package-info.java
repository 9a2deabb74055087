/** Not API: the HTTP pipeline behind the REST resources (retries, backoff, timeouts, decoding). */
package dev.poolse.sdk.internal.http;
