package dev.poolse.sdk.realtime;

import java.util.Objects;
import java.util.UUID;

/**
 * One participant of a voice room, as its roster and events last described them.
 *
 * @param userId the participant
 * @param muted whether the participant's microphone is muted
 * @param speaking whether the participant is speaking now
 * @param joinedAtMillis when the participant entered, in milliseconds since the epoch; 0 when unknown
 */
public record VoiceParticipant(UUID userId, boolean muted, boolean speaking, long joinedAtMillis) {
    /**
     * Checks the components.
     *
     * @param userId the participant
     * @param muted whether muted
     * @param speaking whether speaking
     * @param joinedAtMillis when the participant entered
     */
    public VoiceParticipant {
        Objects.requireNonNull(userId, "userId");
    }
}
