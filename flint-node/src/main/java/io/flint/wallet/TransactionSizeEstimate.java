package io.flint.wallet;

/**
 * Serialized size of a P2PKH transaction before it is signed, so the fee can be fixed first.
 * Upper bounds: an input's DER signature is 71 or 72 bytes with its hash-type byte, and the
 * estimate assumes 72, so the signed transaction is never larger than estimated.
 */
public final class TransactionSizeEstimate {
    /**
     * Outpoint 36 + script length 1 + scriptSig (push 72-byte signature 73, push 33-byte
     * compressed key 34) 107 + sequence 4.
     */
    public static final int P2PKH_INPUT_BYTES = 148;
    /** Value 8 + script length 1 + the 25-byte P2PKH script. */
    public static final int P2PKH_OUTPUT_BYTES = 34;

    private TransactionSizeEstimate() {}

    /** Bytes of a version-1 legacy transaction with these many P2PKH inputs and outputs. */
    public static int p2pkh(int inputs, int outputs) {
        if (inputs < 0 || outputs < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return 4 + varIntSize(inputs) + inputs * P2PKH_INPUT_BYTES + varIntSize(outputs) + outputs * P2PKH_OUTPUT_BYTES + 4;
    }

    private static int varIntSize(long n) {
        return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffff_ffffL ? 5 : 9;
    }
}
