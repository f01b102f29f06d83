package io.flint.p2p.message;

/** What the codec made of one frame: a message, or why it is not one. Never an exception. */
public sealed interface DecodeResult {

    record Decoded(Envelope envelope) implements DecodeResult {}

    /**
     * The frame is not a valid message. One offence against whoever sent it.
     *
     * @param reason what is wrong, naming the field
     * @param senderId the {@code sender_id} if it could be read, else ""
     * @param notJson true when the bytes were not one JSON object at all (a bad frame)
     */
    record Malformed(String reason, String senderId, boolean notJson) implements DecodeResult {}
}
