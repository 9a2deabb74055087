package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.poolse.client.PoolseJson;
import dev.poolse.sdk.realtime.phoenix.Frame;
import dev.poolse.sdk.realtime.phoenix.FrameCodec;
import dev.poolse.sdk.realtime.phoenix.MalformedFrameException;
import java.nio.charset.StandardCharsets;

/**
 * Figure 5, decoder half: the Phoenix frame decoder on arbitrary text. It either returns a frame
 * whose encoding is stable (refs, topic and event unchanged by a round trip), or throws {@link MalformedFrameException};
 * any other exception (or error) is a crash Jazzer reports.
 *
 * <p>Inputs are plain UTF-8 files, so seeds are readable frames. In {@code mvn verify} only the seed corpus under {@code FrameCodecFuzzTestInputs} runs; with
 * {@code -Pfuzz} Jazzer mutates inputs for the {@code maxDuration}. Crashes found there are saved
 * into that directory and replay as regression inputs from then on.
 */
class FrameCodecFuzzTest {

    private static final FrameCodec CODEC = new FrameCodec(PoolseJson.newObjectMapper());

    @FuzzTest(maxDuration = "2m")
    void decodeReturnsARoundTrippableFrameOrThrowsMalformedFrame(FuzzedDataProvider data) {
        // The raw input as UTF-8 (malformed sequences become U+FFFD), as the transport hands text over.
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        Frame frame;
        try {
            frame = CODEC.decode(text);
        } catch (MalformedFrameException expected) {
            return;
        }
        assertThat(frame.topic()).isNotNull();
        assertThat(frame.event()).isNotNull();
        assertThat(frame.payload().isObject()).isTrue();
        // The encoded text is a fixed point after one pass. Not frame equality: the seed
        // big_numbers showed that 1e400 decodes to an infinite double, which Jackson then writes
        // as the string "Infinity", so the first re-encoding may normalise a payload.
        String encoded = CODEC.encode(frame);
        Frame again = CODEC.decode(encoded);
        assertThat(again.joinRef()).isEqualTo(frame.joinRef());
        assertThat(again.ref()).isEqualTo(frame.ref());
        assertThat(again.topic()).isEqualTo(frame.topic());
        assertThat(again.event()).isEqualTo(frame.event());
        assertThat(CODEC.encode(again)).isEqualTo(encoded);
    }

    /** Every payload read into a map, except one whose "decline" key is true. */
    private static final FrameCodec.PayloadTypes MAPS = (topic, event) -> parser -> {
        java.util.Map<?, ?> map = parser.readValueAs(java.util.Map.class);
        return map != null && Boolean.TRUE.equals(map.get("decline")) ? null : map;
    };

    @FuzzTest(maxDuration = "2m")
    void decodingTheBytesAcceptsAndRefusesExactlyWhatDecodingTheTextDoes(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        Frame fromText;
        try {
            fromText = CODEC.decode(text);
        } catch (MalformedFrameException expected) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CODEC.decode(bytes, MAPS))
                    .isInstanceOf(MalformedFrameException.class);
            return;
        }
        Frame fromBytes = CODEC.decode(bytes, MAPS);
        assertThat(fromBytes).isEqualTo(fromText);
    }
}
