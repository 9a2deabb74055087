package dev.poolse.sdk;

/**
 * Progress of an attachment PUT: bytes handed to the connection so far, and the declared size.
 * A retried PUT starts again from zero.
 *
 * @param loaded bytes sent so far
 * @param total the declared byte size
 */
public record UploadProgress(long loaded, long total) {}
