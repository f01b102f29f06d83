package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DerSignatureTest {
    /** A real low-S signature (RFC 6979 vector: key 1, SHA-256("Satoshi Nakamoto")). */
    private static final String R = "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8";
    private static final String S = "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5";
    private static final String STRICT = "3045" + "022100" + R + "0220" + S;
    private static final DerSignature RS = new DerSignature(new BigInteger(R, 16), new BigInteger(S, 16));

    @Test
    void strictSignatureParsesAndReEncodes() {
        byte[] der = Hex.decode(STRICT);
        assertThat(DerSignature.isStrictDer(der)).isTrue();
        assertThat(DerSignature.parseStrict(der)).isEqualTo(RS);
        assertThat(RS.encode()).isEqualTo(der);
        assertThat(DerSignature.isLowS(der)).isTrue();
    }

    @Test
    void withHashTypeIsBitcoinsFunctionOnTheScriptForm() {
        assertThat(DerSignature.isStrictDerWithHashType(Hex.decode(STRICT + "01"))).isTrue();
        assertThat(DerSignature.isStrictDerWithHashType(Hex.decode(STRICT + "ff"))).as("any hash type byte").isTrue();
        assertThat(DerSignature.isStrictDerWithHashType(Hex.decode(STRICT))).as("a DER byte taken for the hash type").isFalse();
        assertThat(DerSignature.isStrictDerWithHashType(new byte[0])).isFalse();
        assertThat(DerSignature.isStrictDer(null)).isFalse();
    }

    @Test
    void everyStrictRuleHasItsOwnMessage() {
        assertStrictProblem("3006020101020101", "DER signature must be 8 to 72 bytes, got 8", false);
        assertStrictProblem("300402010102", "DER signature must be 8 to 72 bytes, got 6", true);
        assertStrictProblem("3106020101020101", "DER signature must start with SEQUENCE 0x30, got 0x31 at byte 0", true);
        assertStrictProblem("3007020101020101", "DER sequence length at byte 1 is 7 but 6 bytes follow", true);
        assertStrictProblem("3006020401020101", "DER length of R at byte 3 (4) runs past the signature", true);
        assertStrictProblem("3006020101020201", "DER lengths of R (1) and S (2) do not add up to the signature size 8", true);
        assertStrictProblem("3006030101020101", "DER R must be an INTEGER (0x02), got 0x03 at byte 2", true);
        assertStrictProblem("3006020101030101", "DER S must be an INTEGER (0x02), got 0x03 at byte 5", true);
        assertStrictProblem("3006020002020101", "DER R at byte 2 has length zero", true);
        assertStrictProblem("3006020181020101", "DER R at byte 4 is negative", true);
        assertStrictProblem("3006020101020181", "DER S at byte 7 is negative", true);
        assertStrictProblem("300702020001020101", "DER R at byte 4 has a needless leading zero", true);
        assertStrictProblem("300702010102020001", "DER S at byte 7 has a needless leading zero", true);
        assertThatThrownBy(() -> DerSignature.parseStrict(null)).hasMessage("signature is missing");
    }

    private static void assertStrictProblem(String hex, String message, boolean broken) {
        byte[] der = Hex.decode(hex);
        if (!broken) {
            // the shortest legal signature, for contrast with its broken neighbours
            assertThat(DerSignature.parseStrict(der)).isEqualTo(new DerSignature(BigInteger.ONE, BigInteger.ONE));
            return;
        }
        assertThat(DerSignature.isStrictDer(der)).as(hex).isFalse();
        assertThat(DerSignature.tryParseStrict(der)).isEmpty();
        assertThatThrownBy(() -> DerSignature.parseStrict(der)).as(hex)
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void zeroPaddingNeededForTheSignBitIsStrict() {
        assertThat(DerSignature.parseStrict(Hex.decode("3007020200ff020101")))
                .isEqualTo(new DerSignature(BigInteger.valueOf(255), BigInteger.ONE));
    }

    @Test
    void laxReadsWhatStrictRefuses() {
        String r = "022100" + R;
        String s = "0220" + S;
        // long-form sequence length
        assertLax("308145" + r + s);
        // a short-form sequence length that is simply wrong
        assertLax("3010" + r + s);
        // long-form integer lengths, with zero bytes before the length
        assertLax("3047" + "02820021" + "00" + R + "0220" + S);
        // excess zero padding of R
        assertLax("3047" + "02230000" + "00" + R + s);
        // trailing garbage after S
        assertLax("3045" + r + s + "deadbeef");
        for (String hex : new String[] {"308145" + r + s, "3045" + r + s + "00"}) {
            assertThat(DerSignature.isStrictDer(Hex.decode(hex))).isFalse();
        }
    }

    private static void assertLax(String hex) {
        assertThat(DerSignature.parseLax(Hex.decode(hex))).as(hex).contains(RS);
    }

    @Test
    void laxTurnsOverflowingValuesIntoZeroLikeLibsecp256k1() {
        DerSignature zero = new DerSignature(BigInteger.ZERO, BigInteger.ZERO);
        String n = CurveOrder.N.toString(16);
        // r == n does not fit below the order
        assertThat(DerSignature.parseLax(Hex.decode("3046022100" + n + "0220" + S))).contains(zero);
        // s of 33 significant bytes
        assertThat(DerSignature.parseLax(Hex.decode("3047022100" + R + "022101" + S))).contains(zero);
        // an empty R is zero, not an error
        assertThat(DerSignature.parseLax(Hex.decode("30240200" + "0220" + S)))
                .contains(new DerSignature(BigInteger.ZERO, new BigInteger(S, 16)));
    }

    @Test
    void laxRefusesWhatEvenBitcoinCannotRead() {
        for (String hex : new String[] {
            "", "31", "30", "3045", "304503", "3045022100" + R, "30450221", "3045" + "0221" + R,
            "308a" + "0220" + R + "0220" + S,
            "3045" + "0288" + "0000000000000001" + "00",
            "3045" + "0220" + R + "0320" + S,
        }) {
            assertThat(DerSignature.parseLax(Hex.decode(hex))).as(hex).isEqualTo(Optional.empty());
        }
        assertThat(DerSignature.parseLax(null)).isEmpty();
    }

    @Test
    void normalizeLowSFlipsOnlyTheUpperHalf() {
        BigInteger high = CurveOrder.N.subtract(RS.s());
        DerSignature flipped = new DerSignature(RS.r(), high);
        assertThat(flipped.isLowS()).isFalse();
        assertThat(flipped.normalizeLowS()).isEqualTo(RS);
        assertThat(RS.normalizeLowS()).isSameAs(RS);
        DerSignature halfN = new DerSignature(RS.r(), CurveOrder.HALF_N);
        assertThat(halfN.isLowS()).isTrue();
        assertThat(new DerSignature(RS.r(), CurveOrder.HALF_N.add(BigInteger.ONE)).isLowS()).isFalse();
        DerSignature outOfRange = new DerSignature(RS.r(), CurveOrder.N);
        assertThat(outOfRange.normalizeLowS()).isSameAs(outOfRange);
        assertThat(DerSignature.isLowS(flipped.encode())).isFalse();
        assertThat(DerSignature.isLowS(Hex.decode("00"))).isFalse();
    }

    @Test
    void compactFormRoundTripsAndNamesItsLength() {
        assertThat(DerSignature.fromCompact(RS.toCompact())).isEqualTo(RS);
        assertThat(Hex.encode(RS.toCompact())).isEqualTo(R + S);
        assertThatThrownBy(() -> DerSignature.fromCompact(new byte[63])).hasMessage("compact signature must be 64 bytes, got 63");
        assertThatThrownBy(() -> new DerSignature(BigInteger.ONE.shiftLeft(256), BigInteger.ONE).toCompact())
                .hasMessage("r and s must fit in 32 bytes for the compact form");
    }

    @Test
    void constructorAndEncoderRefuseImpossibleValues() {
        assertThatThrownBy(() -> new DerSignature(BigInteger.ONE.negate(), BigInteger.ONE))
                .hasMessage("r and s must not be negative");
        assertThatThrownBy(() -> new DerSignature(null, BigInteger.ONE)).hasMessage("r and s are required");
        assertThatThrownBy(() -> DerSignature.encode(BigInteger.ONE.shiftLeft(1000), BigInteger.ONE))
                .hasMessage("r and s are too large for a short-form DER signature");
        assertThat(new DerSignature(BigInteger.ZERO, BigInteger.ONE).isInRange()).isFalse();
        assertThat(RS.isInRange()).isTrue();
    }
}
