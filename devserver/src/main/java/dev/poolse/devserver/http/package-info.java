/**
 * The dev server's HTTP side: routing, the REST handlers, the error envelope, rate limiting,
 * presigned upload URLs and the validation of every exchange against the OpenAPI spec.
 */
package dev.poolse.devserver.http;
