package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class Secp256k1EnginesTest {

    @Test
    void nativeLibraryLoadsOnThisPlatformAndIsTheDefault() {
        assertThat(Secp256k1Engines.nativeFailure()).isEmpty();
        assertThat(Secp256k1Engines.nativeEngine()).isPresent();
        assertThat(Secp256k1Engines.chooseDefault(null).name()).isEqualTo("native");
        assertThat(Secp256k1Engines.chooseDefault(" ").name()).isEqualTo("native");
    }

    @Test
    void engineIsChosenByNameAndByProperty() {
        assertThat(Secp256k1Engines.named("native")).isInstanceOf(NativeSecp256k1.class);
        assertThat(Secp256k1Engines.named(" JAVA ")).isSameAs(Secp256k1Engines.java());
        assertThat(Secp256k1Engines.chooseDefault("java").name()).isEqualTo("java");
        assertThat(Secp256k1Engines.chooseDefault("native").name()).isEqualTo("native");
        assertThatThrownBy(() -> Secp256k1Engines.named("openssl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown secp256k1 engine 'openssl' (expected 'native' or 'java')");
        assertThatThrownBy(() -> Secp256k1Engines.chooseDefault("openssl"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("system property flint.secp256k1: unknown secp256k1 engine 'openssl' (expected 'native' or 'java')");
        String forced = System.getProperty(Secp256k1Engines.PROPERTY);
        assertThat(Secp256k1Engines.best().name()).isEqualTo(forced == null ? "native" : forced);
    }

    @Test
    void verifyAnswersFalseForGarbageAndNeverThrows() {
        byte[] secret = CurveOrder.toBytes32(BigInteger.valueOf(7));
        byte[] digest = Sha256.hash(new byte[] {7});
        for (Secp256k1 engine : Engines.both()) {
            byte[] sig = engine.sign(digest, secret);
            byte[] pub = engine.publicKey(secret, true);
            byte[] offCurve = Hex.decode("02" + "00".repeat(31) + "05");
            byte[][] badSigs = {null, new byte[0], new byte[64], new byte[72], Hex.decode("3006020100020100"), DerSignature.parseStrict(sig).toCompact()};
            for (byte[] bad : badSigs) {
                assertThat(engine.verify(digest, bad, pub)).isFalse();
            }
            assertThat(engine.verify(digest, sig, offCurve)).isFalse();
            assertThat(engine.verify(digest, sig, null)).isFalse();
            assertThat(engine.verify(digest, sig, new byte[33])).isFalse();
            assertThat(engine.verify(new byte[31], sig, pub)).isFalse();
            assertThat(engine.verify(null, sig, pub)).isFalse();
            assertThat(engine.verify(digest, sig, pub)).isTrue();
        }
    }

    @Test
    void hybridKeysVerifyAsLibsecp256k1ReadsThem() {
        byte[] secret = CurveOrder.toBytes32(BigInteger.valueOf(11));
        byte[] digest = Sha256.hash(new byte[] {11});
        for (Secp256k1 engine : Engines.both()) {
            byte[] sig = engine.sign(digest, secret);
            byte[] hybrid = engine.publicKey(secret, false);
            boolean oddY = (hybrid[64] & 1) == 1;
            hybrid[0] = (byte) (oddY ? 0x07 : 0x06);
            assertThat(engine.verify(digest, sig, hybrid)).as(engine.name()).isTrue();
            hybrid[0] = (byte) (oddY ? 0x06 : 0x07);
            assertThat(engine.verify(digest, sig, hybrid)).as("wrong parity, " + engine.name()).isFalse();
        }
    }

    /**
     * A strict-DER signature of exactly 64 bytes: the JNI binding would read any 64-byte input as
     * compact r||s, so the native engine must convert it itself. Built by key recovery: pick
     * small r (an x on the curve) and s, then solve for the public key they verify under.
     */
    @Test
    void sixtyFourByteDerSignatureVerifiesOnBothEngines() {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        BigInteger n = curve.getN();
        byte[] digest = Sha256.hash(new byte[] {64});
        BigInteger e = new BigInteger(1, digest);
        BigInteger r = BigInteger.ONE.shiftLeft(224).add(BigInteger.valueOf(1));
        ECPoint bigR = null;
        while (bigR == null) {
            r = r.add(BigInteger.ONE);
            try {
                bigR = curve.getCurve().decodePoint(Hex.decode("02" + Hex.encode(CurveOrder.toBytes32(r))));
            } catch (IllegalArgumentException notOnCurve) {
                bigR = null;
            }
        }
        BigInteger s = BigInteger.ONE.shiftLeft(224).add(BigInteger.valueOf(12345));
        // Q = r^-1 (s R - e G)
        BigInteger rInv = r.modInverse(n);
        ECPoint q = bigR.multiply(s.multiply(rInv).mod(n))
                .subtract(curve.getG().multiply(e.multiply(rInv).mod(n))).normalize();
        byte[] der = DerSignature.encode(r, s);
        assertThat(der).hasSize(64);
        for (Secp256k1 engine : Engines.both()) {
            assertThat(engine.verify(digest, der, q.getEncoded(true))).as(engine.name()).isTrue();
        }
    }

    @Test
    void tweaksAgreeBetweenEnginesAndBetweenPrivateAndPublicSides() {
        byte[] secret = Hex.decode("e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2");
        byte[] tweak = Sha256.hash("tweak".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] secretCopy = secret.clone();
        byte[] tweakCopy = tweak.clone();
        byte[] expectedSecret = null;
        for (Secp256k1 engine : Engines.both()) {
            byte[] tweaked = engine.privateKeyTweakAdd(secret, tweak);
            byte[] pub = engine.publicKeyTweakAdd(engine.publicKey(secret, false), tweak);
            assertThat(pub).isEqualTo(engine.publicKey(tweaked, true));
            assertThat(tweaked).isEqualTo(CurveOrder.toBytes32(
                    new BigInteger(1, secret).add(new BigInteger(1, tweak)).mod(CurveOrder.N)));
            if (expectedSecret != null) {
                assertThat(tweaked).isEqualTo(expectedSecret);
            }
            expectedSecret = tweaked;
            assertThat(secret).as("inputs untouched").isEqualTo(secretCopy);
            assertThat(tweak).isEqualTo(tweakCopy);
        }
    }

    @Test
    void tweakErrorsAreTheSameOnBothEngines() {
        byte[] secret = CurveOrder.toBytes32(BigInteger.valueOf(5));
        byte[] negated = CurveOrder.toBytes32(CurveOrder.N.subtract(BigInteger.valueOf(5)));
        byte[] tooBig = CurveOrder.toBytes32(CurveOrder.N);
        for (Secp256k1 engine : Engines.both()) {
            byte[] pub = engine.publicKey(secret, true);
            assertThatThrownBy(() -> engine.privateKeyTweakAdd(secret, negated)).hasMessage("tweaked secret key is zero");
            assertThatThrownBy(() -> engine.publicKeyTweakAdd(pub, negated))
                    .hasMessage("tweaked public key is the point at infinity");
            assertThatThrownBy(() -> engine.privateKeyTweakAdd(secret, tooBig)).hasMessage("tweak is not below the curve order");
            assertThatThrownBy(() -> engine.publicKeyTweakAdd(pub, tooBig)).hasMessage("tweak is not below the curve order");
            assertThatThrownBy(() -> engine.publicKeyTweakAdd(pub, new byte[3])).hasMessage("tweak must be 32 bytes, got 3");
            assertThat(engine.privateKeyTweakAdd(secret, new byte[32])).as("zero tweak").isEqualTo(secret);
            assertThatThrownBy(() -> engine.publicKey(new byte[32], true))
                    .hasMessage("secret key is not in [1, n-1] (zero or not below the curve order)");
            assertThat(engine.isValidSecret(secret)).isTrue();
            assertThat(engine.isValidSecret(tooBig)).isFalse();
            assertThat(engine.isValidSecret(new byte[32])).isFalse();
            assertThat(engine.isValidSecret(new byte[31])).isFalse();
        }
    }
}
