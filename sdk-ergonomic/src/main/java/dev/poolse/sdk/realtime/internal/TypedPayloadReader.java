package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.poolse.sdk.realtime.phoenix.FrameCodec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a realtime payload straight from the frame's parser into its generated type, and declines
 * a payload that lacks a key the spec requires (see {@link RequiredKeys}): the frame is then read
 * as a tree, and the channel reports and skips it exactly as before. Jackson alone cannot tell a
 * missing key from an explicit {@code null}, so the keys of the payload's own object are noted as
 * the parser passes them.
 *
 * <p>Thread-safe: the {@link ObjectReader} is immutable and the key table is only read.
 */
final class TypedPayloadReader implements FrameCodec.PayloadReader {
    private final ObjectReader reader;
    /** Each required key's bit in a mask. */
    private final Map<String, Long> bits;
    private final long all;

    TypedPayloadReader(ObjectMapper mapper, Class<?> type) {
        this.reader = mapper.readerFor(type);
        String[] required = RequiredKeys.of(type);
        if (required.length > Long.SIZE) {
            throw new IllegalArgumentException(type.getName() + " requires more than 64 keys");
        }
        this.bits = new HashMap<>();
        long mask = 0;
        for (int i = 0; i < required.length; i++) {
            bits.put(required[i], 1L << i);
            mask |= 1L << i;
        }
        this.all = mask;
    }

    @Override
    public Object read(JsonParser parser) throws IOException {
        KeyRecorder recorder = new KeyRecorder(parser);
        Object value = reader.readValue(recorder);
        return recorder.seen == all ? value : null;
    }

    /** Passes every call through, noting the required keys met at the payload object's own level. */
    private final class KeyRecorder extends JsonParserDelegate {
        private final JsonStreamContext payload;
        long seen;

        KeyRecorder(JsonParser parser) {
            super(parser);
            this.payload = parser.getParsingContext();
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token == JsonToken.FIELD_NAME && delegate.getParsingContext() == payload) {
                Long bit = bits.get(delegate.currentName());
                if (bit != null) {
                    seen |= bit;
                }
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            // Through nextToken(), so that no key is skipped unseen.
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }
    }
}
