package io.flint.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A length prefix that is text says so: a lecturer dialled a peer's HTTP port and read "frame length 1213486160". */
class FramesTest {
    private static long prefix(String fourChars) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(fourChars.getBytes(StandardCharsets.US_ASCII)).getInt());
    }

    @Test
    void aLengthThatReadsAsTextNamesTheTextAndTheLikelyMistake() {
        assertThat(prefix("HTTP")).isEqualTo(1_213_486_160L);
        assertThat(Frames.lengthProblem(prefix("HTTP"), Frames.DEFAULT_MAX_FRAME_BYTES)).hasValue(
                "frame length 1213486160 exceeds the limit of 8388608 bytes (its 4 bytes read \"HTTP\": the far end "
                        + "speaks text, not Flint's frames; is that an HTTP port, such as a node's API port, rather than "
                        + "its P2P port?)");
        assertThat(Frames.lengthProblem(prefix("GET "), Frames.DEFAULT_MAX_FRAME_BYTES)).hasValueSatisfying(
                p -> assertThat(p).contains("read \"GET \""));
    }

    @Test
    void aLengthThatIsNoTextIsJustTooLong() {
        assertThat(Frames.lengthProblem(0x7f_00_00_01L, Frames.DEFAULT_MAX_FRAME_BYTES))
                .hasValue("frame length 2130706433 exceeds the limit of 8388608 bytes");
        assertThat(Frames.lengthProblem(100, Frames.DEFAULT_MAX_FRAME_BYTES)).isEmpty();
    }
}
