package dev.poolse.bench.stub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stream of Phoenix frames the stub server sends on one joined conversation topic: a fixed cycle of ten frames
 * (four {@code message:new}, two {@code reaction:added}, two {@code typing:start}, two {@code presence_diff}) whose
 * payloads have the shapes of the AsyncAPI document and of the dev server's output.
 *
 * <p>The stream is consistent, so a client that checks it sees no gap and asks for no catch-up: every
 * {@code message:new} carries the next main-feed {@code sequence}, a fresh message id, and, like every
 * {@code reaction:added}, the next conversation {@code revision} after the one the join reply announced; the
 * presence diffs alternately add and remove the same meta, so presence state stays small however long the stream
 * runs. Everything but those numbers is encoded once, up front; a frame is the concatenation of pre-encoded bytes
 * and a few ASCII digits, so the server's cost per frame is small next to any client's.
 *
 * <p>Not thread-safe: one instance per topic, used on its connection's event loop.
 */
public final class BlastFrames {

    /** The kinds of frame, in the order of the cycle. */
    public enum Kind {
        /** {@code message:new}. */
        MESSAGE,
        /** {@code reaction:added}. */
        REACTION,
        /** {@code typing:start}. */
        TYPING,
        /** {@code presence_diff} adding the meta. */
        PRESENCE_JOIN,
        /** {@code presence_diff} removing it again. */
        PRESENCE_LEAVE
    }

    /** The fixed mix, repeated forever. */
    static final Kind[] CYCLE = {Kind.MESSAGE, Kind.REACTION, Kind.MESSAGE, Kind.TYPING, Kind.PRESENCE_JOIN,
        Kind.MESSAGE, Kind.REACTION, Kind.MESSAGE, Kind.TYPING, Kind.PRESENCE_LEAVE};

    /** The revision the join reply announces; the first durable event takes the next one. */
    public static final long JOIN_REVISION = 0;

    static final String TENANT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    static final String SENDER = "9b2e4c1a-6d3f-4e8b-a1c2-5f7d8e9a0b1c";
    static final String OTHER = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    static final String REACTED_MESSAGE = "8d7e6f5a-4b3c-4d2e-9f1a-0b2c3d4e5f6a";
    /** Message ids are this prefix and twelve decimal digits of a counter: distinct, and valid UUIDs. */
    private static final String ID_PREFIX = "00000000-0000-4000-8000-";
    private static final int ID_DIGITS = 12;
    private static final String AT = "2026-11-28T10:42:00Z";

    private final byte[] messageHead;
    private final byte[] messageAfterId;
    private final byte[] messageAfterSequence;
    private final byte[] messageTail;
    private final byte[] reactionHead;
    private final byte[] reactionTail;
    private final ByteBuf typing;
    private final ByteBuf presenceJoin;
    private final ByteBuf presenceLeave;
    private long revision = JOIN_REVISION;
    private long sequence;
    private long position;

    /**
     * Prepares the frames of one topic.
     *
     * @param conversationId the conversation; the topic is {@code conversation:<id>}
     */
    public BlastFrames(UUID conversationId) {
        String topic = "conversation:" + conversationId;
        String broadcast = "[null,null,\"" + topic + "\",";
        messageHead = bytes(broadcast + "\"message:new\",{\"id\":\"" + ID_PREFIX);
        messageAfterId = bytes("\",\"tenant_id\":\"" + TENANT + "\",\"conversation_id\":\"" + conversationId
                + "\",\"sender_id\":\"" + SENDER + "\",\"sender_external_id\":\"bob\",\"type\":\"text\","
                + "\"body\":\"Can we ship the onboarding flow today?\",\"reply_to_id\":null,\"thread_root_id\":null,"
                + "\"reply_count\":0,\"quoted_message_id\":null,\"quoted_message\":null,\"mentions\":[],"
                + "\"reactions\":{},\"attachments\":[],\"edited_at\":null,\"deleted_at\":null,\"sequence\":");
        messageAfterSequence = bytes(",\"revision\":");
        messageTail = bytes(",\"inserted_at\":\"" + AT + "\",\"updated_at\":\"" + AT + "\"}]");
        reactionHead = bytes(broadcast + "\"reaction:added\",{\"message_id\":\"" + REACTED_MESSAGE
                + "\",\"conversation_id\":\"" + conversationId + "\",\"emoji\":\"\uD83D\uDC4D\",\"user_id\":\""
                + OTHER + "\",\"revision\":");
        reactionTail = bytes("}]");
        typing = constant(broadcast + "\"typing:start\",{\"user_id\":\"" + OTHER + "\",\"external_id\":\"alice\"}]");
        String meta = "{\"" + OTHER + "\":{\"metas\":[{\"phx_ref\":\"F4x2gH3nQw2L2QGh\",\"online_at\":\"" + AT
                + "\",\"external_id\":\"alice\"}]}}";
        presenceJoin = constant(broadcast + "\"presence_diff\",{\"joins\":" + meta + ",\"leaves\":{}}]");
        presenceLeave = constant(broadcast + "\"presence_diff\",{\"joins\":{},\"leaves\":" + meta + "}]");
    }

    /**
     * The {@code presence_state} push that follows a join reply: the conversation's other member, online.
     *
     * @param conversationId the conversation
     * @param joinRef the join's ref, which a channel push carries
     * @return the frame's text
     */
    public static String presenceState(UUID conversationId, String joinRef) {
        return "[\"" + joinRef + "\",null,\"conversation:" + conversationId + "\",\"presence_state\",{\"" + SENDER
                + "\":{\"metas\":[{\"phx_ref\":\"F4x2dA7mYbIL2QEh\",\"online_at\":\"" + AT
                + "\",\"external_id\":\"bob\"}]}}]";
    }

    /**
     * Returns the kind of the frame {@link #next} writes next.
     *
     * @return the kind
     */
    public Kind peek() {
        return CYCLE[(int) (position % CYCLE.length)];
    }

    /**
     * Writes the next frame's text (UTF-8) to a buffer and advances the stream.
     *
     * @param out where to write; not null
     * @return the kind of frame written
     */
    public Kind next(ByteBuf out) {
        Kind kind = peek();
        position++;
        switch (kind) {
            case MESSAGE -> {
                sequence++;
                revision++;
                out.writeBytes(messageHead);
                writeDigits(out, sequence, ID_DIGITS);
                out.writeBytes(messageAfterId);
                writeDigits(out, sequence, 0);
                out.writeBytes(messageAfterSequence);
                writeDigits(out, revision, 0);
                out.writeBytes(messageTail);
            }
            case REACTION -> {
                revision++;
                out.writeBytes(reactionHead);
                writeDigits(out, revision, 0);
                out.writeBytes(reactionTail);
            }
            case TYPING -> out.writeBytes(typing, typing.readerIndex(), typing.readableBytes());
            case PRESENCE_JOIN -> out.writeBytes(presenceJoin, presenceJoin.readerIndex(),
                    presenceJoin.readableBytes());
            default -> out.writeBytes(presenceLeave, presenceLeave.readerIndex(), presenceLeave.readableBytes());
        }
        return kind;
    }

    /**
     * Returns the next frame as text (for tests and diagnostics), advancing the stream like {@link #next}.
     *
     * @return the frame's JSON text
     */
    public String nextText() {
        ByteBuf buf = Unpooled.buffer(1024);
        try {
            next(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    /** Writes a non-negative number as ASCII digits, left-padded with zeros to {@code width} (0: no padding). */
    static void writeDigits(ByteBuf out, long value, int width) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        out.ensureWritable(Math.max(digits, width));
        for (int i = digits; i < width; i++) {
            out.writeByte('0');
        }
        int start = out.writerIndex();
        out.writerIndex(start + digits);
        long v = value;
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(start + i, (int) ('0' + v % 10));
            v /= 10;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuf constant(String s) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes(s)));
    }
}
