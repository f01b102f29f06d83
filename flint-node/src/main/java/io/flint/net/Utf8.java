package io.flint.net;

/**
 * Strict UTF-8 well-formedness (Unicode Table 3-7): no overlong forms, no surrogates, nothing
 * above U+10FFFF. Written by hand rather than through a {@code CharsetDecoder} because every
 * received frame passes through it and it must name the offending byte without decoding.
 */
public final class Utf8 {

    private Utf8() {}

    /** The offset of the first byte that starts an ill-formed sequence, or -1 when all is well-formed. */
    public static int firstInvalidByte(byte[] bytes) {
        int i = 0;
        int end = bytes.length;
        while (i < end) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuation = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuation = 2;
                if (lead == 0xE0) {
                    secondMin = 0xA0; // shorter forms are overlong
                } else if (lead == 0xED) {
                    secondMax = 0x9F; // D800..DFFF are surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuation = 3;
                if (lead == 0xF0) {
                    secondMin = 0x90; // overlong
                } else if (lead == 0xF4) {
                    secondMax = 0x8F; // beyond U+10FFFF
                }
            } else {
                return i;
            }
            if (i + continuation >= end) {
                return i; // truncated sequence
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k <= continuation; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += continuation + 1;
        }
        return -1;
    }
}
