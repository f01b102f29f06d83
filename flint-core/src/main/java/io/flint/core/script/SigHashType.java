package io.flint.core.script;

/**
 * The signature hash types a signer chooses from: which parts of the transaction a signature
 * commits to. The byte is appended to the DER signature in the scriptSig.
 */
public enum SigHashType {
    ALL(0x01),
    NONE(0x02),
    SINGLE(0x03),
    ALL_ANYONECANPAY(0x81),
    NONE_ANYONECANPAY(0x82),
    SINGLE_ANYONECANPAY(0x83);

    /** Base type mask; the three defined bases are 1, 2, 3. */
    public static final int BASE_MASK = 0x1f;
    public static final int ANYONECANPAY = 0x80;

    private final int value;

    SigHashType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** Bitcoin's IsDefinedHashtypeSignature on the hash-type byte. */
    public static boolean isDefined(int hashTypeByte) {
        int base = hashTypeByte & ~ANYONECANPAY;
        return base >= ALL.value && base <= SINGLE.value;
    }
}
