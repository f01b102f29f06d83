package io.flint.p2p.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flint's own words for why a frame is not JSON: where (the byte offset) and what was there. The
 * reason goes to the operator's log and to the sender's author, who should read neither the JSON
 * library's wording nor its class names. The library is asked only what kind of error it found;
 * what is unrecognised falls back to the byte at the offset.
 */
final class NotJson {
    /** How the library names a bad literal (Unrecognized token 'PING', Non-standard token 'NaN'). */
    private static final Pattern TOKEN = Pattern.compile("token '([^']*)'");

    private NotJson() {}

    /** Why {@code frame} did not parse, as {@code e} says. */
    static String reason(byte[] frame, JsonProcessingException e) {
        String said = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return said.contains("nesting") ? "JSON nesting deeper than " + MessageCodec.MAX_DEPTH
                    : "the frame holds a JSON number or string longer than the codec takes";
        }
        long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        String what;
        if (e instanceof JsonEOFException) {
            what = "it ends inside a value";
        } else if (said.startsWith("Duplicate field")) {
            what = "duplicate key " + MessageCodec.quoted(currentName(e));
        } else {
            Matcher token = TOKEN.matcher(said);
            if (token.find()) {
                // the library reads past a bad literal before it complains: point at its start
                int start = lastIndexOf(frame, token.group(1).getBytes(StandardCharsets.UTF_8),
                        (int) Math.min(Math.max(offset, 0), frame.length));
                offset = start >= 0 ? start : offset;
                what = "unexpected " + MessageCodec.quoted(token.group(1));
            } else if (offset >= 0 && offset < frame.length) {
                what = "unexpected " + shown(frame[(int) offset]);
            } else {
                what = "it ends too early";
            }
        }
        return "the frame is not valid JSON" + (offset >= 0 ? " at byte offset " + offset : "") + " (" + what + ")";
    }

    private static String currentName(JsonProcessingException e) {
        try {
            return e.getProcessor() instanceof JsonParser p && p.currentName() != null ? p.currentName() : "?";
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }

    private static String shown(byte b) {
        return b > 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    private static int lastIndexOf(byte[] frame, byte[] part, int before) {
        for (int i = Math.min(before, frame.length) - part.length; i >= 0; i--) {
            int j = 0;
            while (j < part.length && frame[i + j] == part[j]) {
                j++;
            }
            if (j == part.length) {
                return i;
            }
        }
        return -1;
    }
}
