package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.crypto.DoubleSha256NonceScanner.Path;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The nonce scanner on real data: Bitcoin's 80-byte header is a 64-byte prefix and a 16-byte
 * tail ending in the little-endian nonce, exactly the shape the scanner hashes, so mainnet block
 * 100000 (vectors/bitcoin_blocks.json) must be found again at its own nonce.
 */
class DoubleSha256NonceScannerTest {
    private static final JsonNode BLOCK = Vectors.load("bitcoin_blocks.json").get("block_100000");
    private static final byte[] HEADER = Hex.decode(BLOCK.get("header_hex").asText());
    private static final byte[] PREFIX = Arrays.copyOf(HEADER, 64);
    private static final byte[] TAIL = Arrays.copyOfRange(HEADER, 64, 80);
    private static final long NONCE = BLOCK.get("nonce").asLong();

    @Test
    void compressPathIsAvailableWhenTheBuildOpensTheJdkPackage() {
        boolean opened = Object.class.getModule()
                .isOpen("sun.security.provider", DoubleSha256NonceScanner.class.getModule());
        assertThat(opened).as("the parent pom passes --add-opens to every test JVM").isTrue();
        assertThat(DoubleSha256NonceScanner.compressUnavailableReason()).isEmpty();
        assertThat(DoubleSha256NonceScanner.bestPath()).isEqualTo(Path.COMPRESS);
        assertThat(DoubleSha256NonceScanner.create(PREFIX, 16).path()).isEqualTo(Path.COMPRESS);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void doubleHashOfARealHeaderIsItsBlockHash(Path path) {
        DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(PREFIX, 16, path);
        byte[] hash = scanner.doubleHash(TAIL);
        assertThat(hash).isEqualTo(Sha256.hashTwice(HEADER));
        assertThat(Hex.encode(reversed(hash))).isEqualTo(BLOCK.get("block_hash_display").asText());
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void scanFindsTheMinedNonceAndNothingBeforeIt(Path path) {
        DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(PREFIX, 16, path);
        byte[] target = compactToTarget(Integer.parseUnsignedInt(BLOCK.get("bits_hex").asText(), 16));
        byte[] tail = TAIL.clone();
        Arrays.fill(tail, 12, 16, (byte) 0);

        assertThat(scanner.scan(tail, NONCE - 3000, 6000, target)).isEqualTo(OptionalLong.of(NONCE));
        assertThat(scanner.scan(tail, NONCE - 3000, 3000, target)).isEmpty();
        assertThat(tail).as("the caller's tail is left alone").endsWith(0, 0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void targetIsInclusiveAndReadAgainstTheByteReversedHash(Path path) {
        DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(PREFIX, 16, path);
        byte[] hashAsTarget = reversed(Sha256.hashTwice(HEADER));
        BigInteger exact = new BigInteger(1, hashAsTarget);

        assertThat(scanner.scan(TAIL, NONCE, 1, hashAsTarget)).isEqualTo(OptionalLong.of(NONCE));
        byte[] justBelow = CurveOrder.toBytes32(exact.subtract(BigInteger.ONE));
        assertThat(scanner.scan(TAIL, NONCE, 1, justBelow)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void easiestTargetAcceptsTheFirstNonceAndRangesReachTheTop(Path path) {
        DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(PREFIX, 16, path);
        byte[] anything = new byte[32];
        Arrays.fill(anything, (byte) 0xff);
        assertThat(scanner.scan(TAIL, 7, 1, anything)).isEqualTo(OptionalLong.of(7));
        assertThat(scanner.scan(TAIL, 0xffffffffL, 1, anything)).isEqualTo(OptionalLong.of(0xffffffffL));
        assertThat(scanner.scan(TAIL, 5, 0, anything)).isEmpty();
    }

    @Test
    void bothPathsAgreeOnEveryNonceOfARange() {
        byte[] prefix = new byte[64];
        Arrays.fill(prefix, (byte) 0x5a);
        for (int tailLength : new int[] {4, 20, 55}) {
            DoubleSha256NonceScanner fast = DoubleSha256NonceScanner.create(prefix, tailLength, Path.COMPRESS);
            DoubleSha256NonceScanner portable = DoubleSha256NonceScanner.create(prefix, tailLength, Path.MESSAGE_DIGEST);
            byte[] tail = new byte[tailLength];
            // a target near the top of the hash range: roughly one nonce in 16 passes
            byte[] target = new byte[32];
            target[0] = 0x0f;
            Arrays.fill(target, 1, 32, (byte) 0xff);
            long start = 0;
            for (int found = 0; found < 20; found++) {
                OptionalLong a = fast.scan(tail, start, 1000, target);
                OptionalLong b = portable.scan(tail, start, 1000, target);
                assertThat(a).as("tail %d from %d", tailLength, start).isEqualTo(b).isPresent();
                byte[] full = concat(prefix, withNonce(tail, a.getAsLong()));
                assertThat(new BigInteger(1, reversed(Sha256.hashTwice(full)))).isLessThanOrEqualTo(new BigInteger(1, target));
                start = a.getAsLong() + 1;
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DoubleSha256NonceScanner.create(new byte[63], 16))
                .hasMessage("prefix must be 64 bytes, got 63");
        assertThatThrownBy(() -> DoubleSha256NonceScanner.create(PREFIX, 3)).hasMessage("tail must be 4 to 55 bytes, got 3");
        assertThatThrownBy(() -> DoubleSha256NonceScanner.create(PREFIX, 56)).hasMessage("tail must be 4 to 55 bytes, got 56");
        for (Path path : Path.values()) {
            DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(PREFIX, 16, path);
            byte[] target = new byte[32];
            assertThatThrownBy(() -> scanner.doubleHash(new byte[15])).hasMessage("tail must be 16 bytes, got 15");
            assertThatThrownBy(() -> scanner.scan(TAIL, -1, 1, target))
                    .hasMessage("start nonce must be in [0, 2^32), got -1");
            assertThatThrownBy(() -> scanner.scan(TAIL, 0xffffffffL, 2, target))
                    .hasMessage("count must be in [0, 2^32 - start] = [0, 1], got 2");
            assertThatThrownBy(() -> scanner.scan(TAIL, 0, 1, new byte[31]))
                    .hasMessage("target must be 32 bytes (big-endian), got 31");
        }
    }

    /** Bitcoin's compact "bits": mantissa * 256^(exponent - 3), as 32 big-endian bytes. */
    static byte[] compactToTarget(int bits) {
        int exponent = bits >>> 24;
        BigInteger mantissa = BigInteger.valueOf(bits & 0x007fffff);
        return CurveOrder.toBytes32(mantissa.shiftLeft(8 * (exponent - 3)));
    }

    static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    static byte[] withNonce(byte[] tail, long nonce) {
        byte[] out = tail.clone();
        int at = out.length - 4;
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (nonce >>> (8 * i));
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
