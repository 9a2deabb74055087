package dev.poolse.sdk.realtime;

import dev.poolse.client.events.VoiceErrorEvent;
import dev.poolse.client.events.VoiceMuteEvent;
import dev.poolse.client.events.VoiceSignalEvent;
import dev.poolse.client.events.VoiceSignalType;
import dev.poolse.client.events.VoiceSpeakerEvent;
import dev.poolse.sdk.Subscription;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The voice room of a conversation ({@code voice:conversation:<id>}): who is in it, mute and
 * speaking state, and the relay of WebRTC signals between participants. The SDK carries the
 * signals as opaque JSON; creating peer connections, SDP and ICE candidates is the app's WebRTC
 * stack's job (fetch its ICE servers with {@code chat.iceServers()}). Obtain with
 * {@link PoolseRealtime#voiceRoom(UUID)}: one handle per conversation per client.
 *
 * <p>Reference counted: every {@link #join()} adds a holder and every {@link #leave()} removes one;
 * the wire sees one {@code voice:join} for the first holder and one {@code voice:leave} for the
 * last, however many screens hold the room. Extra leaves are ignored; a join that fails releases
 * its own hold. After a reconnect the room is entered again on its own.
 *
 * <p>Listeners run on the callback executor, one at a time in event order, never on the network
 * thread, like every realtime listener. Every method is thread-safe and returns without waiting.
 */
public interface VoiceRoom {

    /** {@return the conversation of this room} */
    UUID conversationId();

    /**
     * Adds a holder; the first one joins the topic and enters the room.
     *
     * @return completes once the user is in the room (at once when already in), or exceptionally
     *     with {@link JoinRefusedException} (not a member), {@link RealtimeException} or
     *     {@link CallRefusedException} for a refused {@code voice:join}
     */
    CompletableFuture<Void> join();

    /** Removes a holder; the last one leaves the room and the topic. Does nothing with no holder. */
    void leave();

    /** {@return how many holders keep the room joined} */
    int holders();

    /** {@return whether the user is in the room now} */
    boolean isJoined();

    /** {@return the participants by user id, the user included; empty outside the room} */
    Map<UUID, VoiceParticipant> participants();

    /** {@return the ids of the participants speaking now} */
    Set<UUID> activeSpeakers();

    /** Mutes the user's microphone for the room (kept across rejoins; sent when in the room). */
    void mute();

    /** Unmutes the user's microphone for the room. */
    void unmute();

    /**
     * Reports whether the user is speaking; only transitions are sent, and a muted user never speaks.
     *
     * @param speaking whether the local level is above the app's speaking threshold
     */
    void setSpeaking(boolean speaking);

    /**
     * Sends a WebRTC signal to one participant, or to everyone else with a null target.
     *
     * @param type offer, answer or ICE candidate
     * @param targetUserId the addressed participant, or null for everyone else in the room
     * @param data the signal body, not empty: {@code {"sdp": ...}} for offer and answer, the
     *     candidate's JSON for an ICE candidate
     * @return completes when the server relayed it, or exceptionally with {@link CallRefusedException}
     *     ({@code invalid_signal}, {@code not_in_room}) or {@link IllegalStateException} outside the room
     * @throws IllegalArgumentException if {@code data} is empty
     */
    CompletableFuture<Void> sendSignal(VoiceSignalType type, UUID targetUserId, Map<String, Object> data);

    /**
     * The roster changed (someone entered, left, muted or started speaking).
     *
     * @param listener receives the participants by user id; not {@code null}
     * @return removes the listener
     */
    Subscription onParticipants(Consumer<? super Map<UUID, VoiceParticipant>> listener);

    /**
     * {@code voice:joined}: someone else entered the room (offer to them if your id is lower).
     *
     * @param listener receives the user id; not {@code null}
     * @return removes the listener
     */
    Subscription onJoined(Consumer<? super UUID> listener);

    /**
     * {@code voice:left}: someone left the room (close your peer connection to them).
     *
     * @param listener receives the user id; not {@code null}
     * @return removes the listener
     */
    Subscription onLeft(Consumer<? super UUID> listener);

    /**
     * {@code voice:mute}: someone muted or unmuted.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onMute(Consumer<? super VoiceMuteEvent> listener);

    /**
     * {@code voice:active_speaker}: someone started or stopped speaking.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onActiveSpeaker(Consumer<? super VoiceSpeakerEvent> listener);

    /**
     * {@code voice:signal}: a signal addressed to the user (or to everyone), never the user's own.
     *
     * @param listener receives the signal; not {@code null}
     * @return removes the listener
     */
    Subscription onSignal(Consumer<? super VoiceSignalEvent> listener);

    /**
     * {@code voice:error}: the room reports a problem; not fatal.
     *
     * @param listener receives the event; not {@code null}
     * @return removes the listener
     */
    Subscription onError(Consumer<? super VoiceErrorEvent> listener);
}
