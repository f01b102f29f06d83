package io.flint.p2p.message;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One message as it travels: the fields every message has ({@code type}, {@code sender_id},
 * {@code message_id}) around its body. A forwarder (gossip, relay) sends the same message id
 * under its own sender id, so duplicates stay detectable.
 */
public record Envelope(String senderId, String messageId, Message body) {
    /** Node ids are short printable tokens ("5000", "node-7"). */
    public static final int MAX_ID_LENGTH = 64;
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-fA-F]{32}");

    public Envelope {
        Objects.requireNonNull(body, "body");
        if (!isNodeId(senderId)) {
            throw new IllegalArgumentException("sender_id must be 1.." + MAX_ID_LENGTH
                    + " characters, none of them a control character");
        }
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("message_id must be 32 hex characters, got '" + messageId + "'");
        }
    }

    public MessageType type() {
        return body.type();
    }

    /** The same message (same id) as sent on by {@code forwarder}. */
    public Envelope forwardedBy(String forwarder) {
        return new Envelope(forwarder, messageId, body);
    }

    /**
     * A node id: 1 to {@value #MAX_ID_LENGTH} characters, none a control character or a line or
     * paragraph separator. Ids go into every log line about their node: one with a line break
     * would let a peer write lines of its own into the operator's log.
     */
    public static boolean isNodeId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID_LENGTH) {
            return false;
        }
        return s.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    static boolean isMessageId(String s) {
        return s != null && MESSAGE_ID.matcher(s).matches();
    }

    /** 128 bits as 32 lowercase hex characters. */
    public static String messageIdOf(long high, long low) {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
