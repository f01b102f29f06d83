package io.flint.net;

import java.util.Optional;

/**
 * The framing rules of PROTOCOL.md that every transport enforces the same way: a frame is
 * {@code 1..maxFrameBytes} bytes of UTF-8. The answers are the reasons handed to
 * {@code TransportListener.onBadFrame} / {@code onSendFailed}, so they name the number at fault.
 */
public final class Frames {

    /** PROTOCOL.md's default {@code max_frame_bytes}: 8 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;

    /** The length prefix itself: a 4-byte unsigned big-endian integer. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    private Frames() {}

    /** Why a frame of {@code length} bytes breaks the rules, or empty when it does not. */
    public static Optional<String> lengthProblem(long length, int maxFrameBytes) {
        if (length == 0) {
            return Optional.of("frame length 0 (a frame has 1.." + maxFrameBytes + " bytes)");
        }
        if (length > maxFrameBytes) {
            return Optional.of("frame length " + length + " exceeds the limit of " + maxFrameBytes + " bytes"
                    + asText(length).map(text -> " (its 4 bytes read \"" + text + "\": the far end speaks text, not "
                            + "Flint's frames; is that an HTTP port, such as a node's API port, rather than its P2P "
                            + "port?)").orElse(""));
        }
        return Optional.empty();
    }

    /**
     * The 4 bytes of a length prefix as text, when they are printable ASCII: a node dialled at a
     * peer's HTTP port by mistake reads the answer's "HTTP" as a length of 1,213,486,160 bytes.
     */
    static Optional<String> asText(long length) {
        StringBuilder text = new StringBuilder(LENGTH_PREFIX_BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int b = (int) (length >>> shift) & 0xff;
            if (b < 0x20 || b > 0x7e) {
                return Optional.empty();
            }
            text.append((char) b);
        }
        return Optional.of(text.toString());
    }

    /** Why {@code payload} is not a valid frame body (not UTF-8), or empty when it is. */
    public static Optional<String> encodingProblem(byte[] payload) {
        int bad = Utf8.firstInvalidByte(payload);
        return bad < 0 ? Optional.empty() : Optional.of("frame is not valid UTF-8 at byte offset " + bad);
    }

    /** Checks a configured limit: at least one byte, and no more than the 4-byte prefix can say. */
    public static int requireValidLimit(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1, got " + maxFrameBytes);
        }
        return maxFrameBytes;
    }
}
