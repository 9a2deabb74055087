package dev.poolse.sdk;

import java.util.Objects;

/**
 * The state of one user in the {@link UsersResource} cache: not fetched yet, fetched and absent,
 * or fetched and found.
 *
 * <pre>{@code
 * switch (chat.users().peek("alice")) {
 *     case UserLookup.Found f -> show(f.profile());    // with pattern matching for switch
 *     ...
 * }
 * if (chat.users().peek("alice") instanceof UserLookup.Found found) { show(found.profile()); }
 * }</pre>
 */
public sealed interface UserLookup permits UserLookup.Unknown, UserLookup.NotFound, UserLookup.Found {

    /** {@return the "not fetched (or no resolver)" state} */
    static UserLookup unknown() {
        return Unknown.INSTANCE;
    }

    /** {@return the "resolver returned null" state} */
    static UserLookup notFound() {
        return NotFound.INSTANCE;
    }

    /** Not fetched yet, being fetched, its last fetch failed, or there is no resolver. */
    enum Unknown implements UserLookup {
        /** The only value. */
        INSTANCE
    }

    /** The resolver ran and returned {@code null}. */
    enum NotFound implements UserLookup {
        /** The only value. */
        INSTANCE
    }

    /**
     * The resolver returned a profile.
     *
     * @param profile the cached profile
     */
    record Found(PoolseUserProfile profile) implements UserLookup {
        /**
         * Validates.
         *
         * @param profile the cached profile, not null
         */
        public Found {
            Objects.requireNonNull(profile, "profile");
        }
    }
}
