package io.flint.api.view;

/**
 * A block of {@code GET /blocks}: {@code bits} the compact target as a number, {@code difficulty_bits}
 * leading zero bits of the target, {@code miner} the address the coinbase pays first ("" if not an
 * address), {@code size} in bytes.
 */
public record BlockSummaryView(long height, String hash, String prev, String merkleRoot, long timestamp, long bits,
        double difficultyBits, long nonce, int txCount, int size, String miner) {
}
