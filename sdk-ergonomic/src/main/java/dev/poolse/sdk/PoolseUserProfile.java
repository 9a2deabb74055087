package dev.poolse.sdk;

/**
 * What the UI shows for a user, supplied by your {@link UserResolver}.
 *
 * @param displayName the name to show, may be {@code null}
 * @param avatarUrl the avatar URL, may be {@code null}
 */
public record PoolseUserProfile(String displayName, String avatarUrl) {}
