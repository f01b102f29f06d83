package io.flint.core.script;

import io.flint.crypto.Hash160;
import java.util.Arrays;
import java.util.Optional;

/**
 * The script templates Flint pays to and spends: P2PKH
 * ({@code OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG}), P2PK ({@code <33|65> OP_CHECKSIG})
 * and OP_RETURN outputs, with recognisers that match the exact bytes as Bitcoin Core's
 * {@code Solver} does.
 */
public final class StandardScripts {
    private static final int P2PKH_SIZE = 25;
    private static final int COMPRESSED_KEY = 33;
    private static final int UNCOMPRESSED_KEY = 65;

    private StandardScripts() {}

    /** P2PKH output script for a 20-byte public key hash. */
    public static Script p2pkh(byte[] pubKeyHash) {
        if (pubKeyHash.length != Hash160.LENGTH) {
            throw new IllegalArgumentException("a public key hash is 20 bytes, got " + pubKeyHash.length);
        }
        return new ScriptBuilder().op(Opcode.OP_DUP).op(Opcode.OP_HASH160).data(pubKeyHash)
                .op(Opcode.OP_EQUALVERIFY).op(Opcode.OP_CHECKSIG).build();
    }

    /** P2PKH output script paying to this encoded public key's HASH160. */
    public static Script p2pkhForKey(byte[] publicKey) {
        return p2pkh(Hash160.hash(publicKey));
    }

    /** P2PK output script for a 33- or 65-byte encoded public key. */
    public static Script p2pk(byte[] publicKey) {
        if (!hasValidKeySize(publicKey, 0, publicKey.length)) {
            throw new IllegalArgumentException("not a 33-byte compressed or 65-byte uncompressed public key encoding");
        }
        return new ScriptBuilder().data(publicKey).op(Opcode.OP_CHECKSIG).build();
    }

    /** An unspendable output script carrying {@code data}. */
    public static Script opReturn(byte[] data) {
        ScriptBuilder b = new ScriptBuilder().op(Opcode.OP_RETURN);
        return data.length == 0 ? b.build() : b.data(data).build();
    }

    /** scriptSig spending P2PKH: {@code <signature+hashtype> <public key>}. */
    public static Script p2pkhScriptSig(byte[] signatureWithHashType, byte[] publicKey) {
        return new ScriptBuilder().data(signatureWithHashType).data(publicKey).build();
    }

    /** scriptSig spending P2PK: {@code <signature+hashtype>}. */
    public static Script p2pkScriptSig(byte[] signatureWithHashType) {
        return new ScriptBuilder().data(signatureWithHashType).build();
    }

    public static boolean isP2pkh(Script script) {
        byte[] s = script.bytes();
        return s.length == P2PKH_SIZE && (s[0] & 0xff) == Opcode.OP_DUP && (s[1] & 0xff) == Opcode.OP_HASH160
                && s[2] == Hash160.LENGTH && (s[23] & 0xff) == Opcode.OP_EQUALVERIFY
                && (s[24] & 0xff) == Opcode.OP_CHECKSIG;
    }

    /** The 20-byte public key hash of a P2PKH script. */
    public static Optional<byte[]> p2pkhHash(Script script) {
        return isP2pkh(script) ? Optional.of(Arrays.copyOfRange(script.bytes(), 3, 23)) : Optional.empty();
    }

    /**
     * P2PK as Bitcoin's Solver sees it: a push of 33 or 65 bytes whose first byte fits that size
     * (0x02/0x03 for 33; 0x04, 0x06, 0x07 for 65), then OP_CHECKSIG.
     */
    public static boolean isP2pk(Script script) {
        byte[] s = script.bytes();
        int n = s.length - 2;
        return (n == COMPRESSED_KEY || n == UNCOMPRESSED_KEY) && s[0] == n
                && (s[s.length - 1] & 0xff) == Opcode.OP_CHECKSIG && hasValidKeySize(s, 1, n);
    }

    /**
     * The output type's name as Bitcoin Core's RPC reports it ({@code pubkeyhash}, {@code pubkey},
     * {@code nulldata}, else {@code nonstandard}), for explorers and decoders.
     */
    public static String typeName(Script script) {
        if (isP2pkh(script)) {
            return "pubkeyhash";
        }
        if (isP2pk(script)) {
            return "pubkey";
        }
        if (!script.isEmpty() && (script.bytes()[0] & 0xff) == Opcode.OP_RETURN) {
            return "nulldata";
        }
        return "nonstandard";
    }

    /** The encoded public key of a P2PK script. */
    public static Optional<byte[]> p2pkPublicKey(Script script) {
        return isP2pk(script) ? Optional.of(Arrays.copyOfRange(script.bytes(), 1, script.size() - 1))
                : Optional.empty();
    }

    /** Bitcoin's CPubKey::ValidSize: the header byte decides the length. */
    static boolean hasValidKeySize(byte[] b, int off, int len) {
        if (len == 0) {
            return false;
        }
        int header = b[off] & 0xff;
        return switch (header) {
            case 2, 3 -> len == COMPRESSED_KEY;
            case 4, 6, 7 -> len == UNCOMPRESSED_KEY;
            default -> false;
        };
    }
}
