package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.crypto.DoubleSha256NonceScanner.Path;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CryptoProperties {
    private static final Secp256k1 NATIVE = Engines.nativeEngine();
    private static final Secp256k1 JAVA = Engines.javaEngine();

    @Provide
    Arbitrary<byte[]> secrets() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ONE, CurveOrder.N.subtract(BigInteger.ONE))
                .edgeCases(c -> c.includeOnly(BigInteger.ONE, CurveOrder.N.subtract(BigInteger.ONE)))
                .map(CurveOrder::toBytes32);
    }

    @Provide
    Arbitrary<byte[]> digests() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    @Provide
    Arbitrary<BigInteger> scalars() {
        return Arbitraries.bigIntegers().between(BigInteger.ONE, CurveOrder.N.subtract(BigInteger.ONE));
    }

    @Property
    void base58CheckRoundTrips(@ForAll @Size(max = 80) byte[] payload) {
        assertThat(Base58Check.decode(Base58Check.encode(payload))).isEqualTo(payload);
    }

    @Property
    void hexRoundTripsInEitherCase(@ForAll @Size(max = 80) byte[] bytes) {
        String hex = Hex.encode(bytes);
        assertThat(Hex.decode(hex)).isEqualTo(bytes);
        assertThat(Hex.decode(hex.toUpperCase(Locale.ROOT))).isEqualTo(bytes);
        assertThat(Hex.isHex(hex)).isTrue();
    }

    @Property(tries = 200)
    void signedDigestsVerifyAndOthersDoNot(@ForAll("secrets") byte[] secret, @ForAll("digests") byte[] digest) {
        for (Secp256k1 engine : Engines.both()) {
            byte[] sig = engine.sign(digest, secret);
            assertThat(DerSignature.isStrictDer(sig)).isTrue();
            assertThat(DerSignature.isLowS(sig)).isTrue();
            assertThat(engine.verify(digest, sig, engine.publicKey(secret, true))).isTrue();
            assertThat(engine.verify(digest, sig, engine.publicKey(secret, false))).isTrue();
            byte[] other = digest.clone();
            other[31] ^= 0x01;
            assertThat(engine.verify(other, sig, engine.publicKey(secret, true))).isFalse();
        }
    }

    @Property(tries = 200)
    void nativeAndJavaAreByteIdenticalAndVerifyEachOther(
            @ForAll("secrets") byte[] secret, @ForAll("digests") byte[] digest, @ForAll boolean compressed) {
        byte[] nativeSig = NATIVE.sign(digest, secret);
        byte[] javaSig = JAVA.sign(digest, secret);
        assertThat(javaSig).isEqualTo(nativeSig);
        byte[] pub = NATIVE.publicKey(secret, compressed);
        assertThat(JAVA.publicKey(secret, compressed)).isEqualTo(pub);
        assertThat(JAVA.parsePublicKey(pub, !compressed)).isEqualTo(NATIVE.parsePublicKey(pub, !compressed));
        assertThat(JAVA.verify(digest, nativeSig, pub)).isTrue();
        assertThat(NATIVE.verify(digest, javaSig, pub)).isTrue();
    }

    @Property(tries = 300)
    void enginesGiveTheSameAnswerForDamagedSignatures(
            @ForAll("secrets") byte[] secret, @ForAll("digests") byte[] digest,
            @ForAll @IntRange(min = 0, max = 71) int position, @ForAll byte mask) {
        byte[] sig = NATIVE.sign(digest, secret);
        byte[] damaged = sig.clone();
        damaged[position % damaged.length] ^= mask;
        byte[] pub = NATIVE.publicKey(secret, true);
        assertThat(JAVA.verify(digest, damaged, pub)).isEqualTo(NATIVE.verify(digest, damaged, pub));
    }

    @Property(tries = 200)
    void highSIsRejectedUntilNormalized(@ForAll("secrets") byte[] secret, @ForAll("digests") byte[] digest) {
        byte[] sig = NATIVE.sign(digest, secret);
        DerSignature low = DerSignature.parseStrict(sig);
        DerSignature high = new DerSignature(low.r(), CurveOrder.N.subtract(low.s()));
        byte[] highDer = high.encode();
        assertThat(DerSignature.isStrictDer(highDer)).isTrue();
        assertThat(DerSignature.isLowS(highDer)).isFalse();
        for (Secp256k1 engine : Engines.both()) {
            assertThat(engine.verify(digest, highDer, engine.publicKey(secret, true))).isFalse();
        }
        assertThat(high.normalizeLowS().encode()).isEqualTo(sig);
    }

    @Property
    void derEncodeParseRoundTrips(@ForAll("scalars") BigInteger r, @ForAll("scalars") BigInteger s) {
        DerSignature sig = new DerSignature(r, s);
        byte[] der = sig.encode();
        assertThat(DerSignature.isStrictDer(der)).isTrue();
        assertThat(DerSignature.parseStrict(der)).isEqualTo(sig);
        assertThat(DerSignature.parseLax(der)).contains(sig);
        assertThat(DerSignature.fromCompact(sig.toCompact())).isEqualTo(sig);
    }

    @Property
    void strictAcceptanceImpliesLaxAgreement(@ForAll @Size(max = 75) byte[] junk) {
        // arbitrary bytes: never an exception, and when strict accepts, lax reads the same values
        boolean strict = DerSignature.isStrictDer(junk);
        var lax = DerSignature.parseLax(junk);
        if (strict) {
            DerSignature parsed = DerSignature.parseStrict(junk);
            DerSignature expected = parsed.r().compareTo(CurveOrder.N) < 0 && parsed.s().compareTo(CurveOrder.N) < 0
                    ? parsed
                    : new DerSignature(BigInteger.ZERO, BigInteger.ZERO);
            assertThat(lax).contains(expected);
        }
    }

    @Property(tries = 300)
    void wifRoundTrips(@ForAll("secrets") byte[] secret, @ForAll boolean compressed, @ForAll AddressVersion network) {
        PrivateKey key = PrivateKey.of(secret, compressed);
        String wif = Wif.encode(key, network);
        assertThat(Wif.decode(wif)).isEqualTo(new Wif.Decoded(key, network));
        assertThat(Wif.decode(wif, network)).isEqualTo(key);
    }

    @Property
    void addressRoundTrips(@ForAll @Size(20) byte[] hash, @ForAll AddressVersion network) {
        Address address = Address.p2pkh(hash, network);
        assertThat(Address.parse(address.toString(), network)).isEqualTo(address);
        assertThat(address.toString()).matches(network == AddressVersion.MAIN ? "1.*" : "[mn].*");
    }

    @Provide
    Arbitrary<byte[]> prefixes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(64);
    }

    @Provide
    Arbitrary<byte[]> tails() {
        return Arbitraries.integers().between(DoubleSha256NonceScanner.MIN_TAIL_LENGTH, DoubleSha256NonceScanner.MAX_TAIL_LENGTH)
                .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    @Property(tries = 300)
    void midstateDoubleHashEqualsPlainDoubleSha(@ForAll("prefixes") byte[] prefix, @ForAll("tails") byte[] tail) {
        byte[] message = Arrays.copyOf(prefix, 64 + tail.length);
        System.arraycopy(tail, 0, message, 64, tail.length);
        byte[] expected = Sha256.hashTwice(message);
        for (Path path : Path.values()) {
            DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(prefix, tail.length, path);
            assertThat(scanner.doubleHash(tail)).as(path.label()).isEqualTo(expected);
            assertThat(scanner.doubleHash(tail)).as("reusable").isEqualTo(expected);
        }
    }

    @Property(tries = 100)
    void scanFindsExactlyTheFirstNonceThePlainPathFinds(
            @ForAll("prefixes") byte[] prefix, @ForAll("tails") byte[] tail,
            @ForAll @IntRange(min = 0, max = 1 << 20) int start, @ForAll @IntRange(min = 1, max = 6) int zeroBits) {
        // a target with zeroBits leading zero bits: about one nonce in 2^zeroBits passes
        byte[] target = CurveOrder.toBytes32(BigInteger.ONE.shiftLeft(256 - zeroBits).subtract(BigInteger.ONE));
        BigInteger limit = new BigInteger(1, target);
        Long expected = null;
        for (long nonce = start; nonce < start + 200 && expected == null; nonce++) {
            byte[] message = DoubleSha256NonceScannerTest.concat(prefix, DoubleSha256NonceScannerTest.withNonce(tail, nonce));
            byte[] hash = DoubleSha256NonceScannerTest.reversed(Sha256.hashTwice(message));
            if (new BigInteger(1, hash).compareTo(limit) <= 0) {
                expected = nonce;
            }
        }
        for (Path path : Path.values()) {
            var found = DoubleSha256NonceScanner.create(prefix, tail.length, path).scan(tail, start, 200, target);
            assertThat(found.isPresent() ? Long.valueOf(found.getAsLong()) : null).as(path.label()).isEqualTo(expected);
        }
    }
}
