package dev.poolse.sdk.realtime;

import dev.poolse.client.model.CallMedia;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable snapshot of the current user's call, as {@link Calls#state()} and
 * {@link Calls#onState} report it. One call at a time per client.
 *
 * @param phase where the call is
 * @param callId the server's call id; null while {@link Phase#IDLE} and while an invite awaits its reply
 * @param conversationId the conversation of the call; null while {@link Phase#IDLE}
 * @param direction who placed the call; null while {@link Phase#IDLE}
 * @param peerUserId the caller of an incoming call, or who answered an outgoing one; null otherwise
 * @param calleeUserIds the members rung by an outgoing call (empty until the invite's reply, and for
 *     incoming calls)
 * @param media what the call opens as ({@link CallMedia#AUDIO} when unknown)
 * @param endReason why the call ended; null unless the phase is {@link Phase#ENDED}
 */
public record CallState(Phase phase, UUID callId, UUID conversationId, Direction direction, UUID peerUserId,
        List<UUID> calleeUserIds, CallMedia media, EndReason endReason) {

    /** The idle state: no call. */
    public static final CallState IDLE = new CallState(Phase.IDLE, null, null, null, null, List.of(), CallMedia.AUDIO,
            null);

    /** Where a call is. */
    public enum Phase {
        /** No call. */
        IDLE,
        /** The user placed a call; the callees are being rung. */
        OUTGOING_RINGING,
        /** Someone is ringing the user. */
        INCOMING_RINGING,
        /** The user accepted; waiting for the server to confirm the answer. */
        CONNECTING,
        /** Both sides answered: join the media path (SFU or voice room) for {@code conversationId}. */
        CONNECTED,
        /**
         * The call is over ({@link CallState#endReason()} says why). Counts as idle: a new call
         * may be placed or received; {@link Calls#dismiss()} returns to {@link #IDLE}.
         */
        ENDED
    }

    /** Who placed the call. */
    public enum Direction {
        /** The current user placed it. */
        OUTGOING,
        /** Another member placed it. */
        INCOMING
    }

    /** Why a call ended. */
    public enum EndReason {
        /** This client hung up, cancelled or declined. */
        HUNG_UP,
        /** The other party hung up a connected call. */
        REMOTE_HUNG_UP,
        /** A callee declined (by hand or by its own ring timeout). */
        DECLINED,
        /** A callee was already on a call. */
        BUSY,
        /** The caller withdrew before anyone answered (or its connection dropped). */
        CANCELLED,
        /** Another device or callee answered (or refused) first. */
        ANSWERED_ELSEWHERE,
        /** The ring timeout expired; the other side was told. */
        TIMED_OUT,
        /** The other party's connection dropped during the call. */
        REMOTE_DISCONNECTED,
        /** This client's connection dropped; the server ended the call on its side. */
        CONNECTION_LOST,
        /** The server refused a push of this call (e.g. a late accept), or did not answer it. */
        FAILED
    }

    /**
     * Checks and copies.
     *
     * @param phase where the call is
     * @param callId the call id
     * @param conversationId the conversation
     * @param direction who placed it
     * @param peerUserId the other party
     * @param calleeUserIds the members rung
     * @param media the media
     * @param endReason why it ended
     */
    public CallState {
        Objects.requireNonNull(phase, "phase");
        calleeUserIds = List.copyOf(calleeUserIds == null ? List.of() : calleeUserIds);
        media = media == null ? CallMedia.AUDIO : media;
        if ((phase == Phase.ENDED) != (endReason != null)) {
            throw new IllegalArgumentException("an end reason goes with the ENDED phase only");
        }
    }

    /** {@return whether another call may start now: the phase is IDLE or ENDED} */
    public boolean isIdle() {
        return phase == Phase.IDLE || phase == Phase.ENDED;
    }

    /** {@return the call id, when the server has minted one} */
    public Optional<UUID> call() {
        return Optional.ofNullable(callId);
    }
}
