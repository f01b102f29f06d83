package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Keys, addresses and WIF: the well-known key 1 (the generator) and every error message. */
class KeysTest {
    private static final byte[] ONE = CurveOrder.toBytes32(BigInteger.ONE);
    private static final String G_COMPRESSED = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String G_UNCOMPRESSED = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

    @Test
    void keyOneIsTheGeneratorWithItsWellKnownAddressesAndWifs() {
        PrivateKey compressed = PrivateKey.of(ONE, true);
        PrivateKey uncompressed = PrivateKey.of(ONE, false);
        for (Secp256k1 engine : Engines.both()) {
            assertThat(compressed.publicKey(engine).toString()).isEqualTo(G_COMPRESSED);
            assertThat(uncompressed.publicKey(engine).toString()).isEqualTo(G_UNCOMPRESSED);
        }
        assertThat(compressed.publicKey().toAddress(AddressVersion.MAIN).toString())
                .isEqualTo("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
        assertThat(uncompressed.publicKey().toAddress(AddressVersion.MAIN).toString())
                .isEqualTo("1EHNa6Q4Jz2uvNExL497mE43ikXhwF6kZm");
        assertThat(Wif.encode(compressed, AddressVersion.MAIN))
                .isEqualTo("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn");
        assertThat(Wif.encode(uncompressed, AddressVersion.MAIN))
                .isEqualTo("5HpHagT65TZzG1PH3CSu63k8DbpvD8s5ip4nEB3kEsreAnchuDf");
        assertThat(Wif.decode("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn", AddressVersion.MAIN))
                .isEqualTo(compressed);
    }

    @Test
    void privateKeyNeverPrintsItsSecret() {
        byte[] secret = Hex.decode("e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2");
        PrivateKey key = PrivateKey.of(secret, true);
        String shown = key.toString();
        assertThat(shown).isEqualTo("PrivateKey[compressed, secret hidden]");
        assertThat(shown.toLowerCase()).doesNotContain(Hex.encode(secret).substring(0, 8));
        assertThat(shown).doesNotContain(Wif.encode(key, AddressVersion.MAIN).substring(1, 9));
        assertThat(new Wif.Decoded(key, AddressVersion.TEST).toString()).doesNotContain(Hex.encode(secret).substring(0, 8));
    }

    @Test
    void privateKeyIsAValueWithDefensiveCopies() {
        byte[] secret = Hex.decode("f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181");
        PrivateKey key = PrivateKey.of(secret, true);
        secret[0] = 0;
        key.bytes()[1] = 0;
        assertThat(key.bytes()).startsWith(0xf8, 0xb8);
        assertThat(key).isEqualTo(PrivateKey.of(key.bytes(), true)).hasSameHashCodeAs(PrivateKey.of(key.bytes(), true));
        assertThat(key).isNotEqualTo(PrivateKey.of(key.bytes(), false));
        assertThat(key).isNotEqualTo(PrivateKey.of(ONE, true));
    }

    @Test
    void privateKeyRangeAndLengthErrors() {
        assertThatThrownBy(() -> PrivateKey.of(new byte[31], true)).hasMessage("secret key must be 32 bytes, got 31");
        assertThatThrownBy(() -> PrivateKey.of(null, true)).hasMessage("secret key must be 32 bytes, got none");
        String range = "secret key is not in [1, n-1] (zero or not below the curve order)";
        assertThatThrownBy(() -> PrivateKey.of(new byte[32], true)).hasMessage(range);
        assertThatThrownBy(() -> PrivateKey.of(CurveOrder.toBytes32(CurveOrder.N), true)).hasMessage(range);
        assertThat(PrivateKey.of(CurveOrder.toBytes32(CurveOrder.N.subtract(BigInteger.ONE)), true).compressed()).isTrue();
    }

    @Test
    void generateDrawsAgainWhenTheRandomValueIsOutOfRange() {
        // first draw all 0xff (above n), second draw 0x01 bytes: only the second is a key
        SecureRandom scripted = new SecureRandom() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, calls++ == 0 ? (byte) 0xff : (byte) 0x01);
            }
        };
        PrivateKey key = PrivateKey.generate(scripted);
        assertThat(key.bytes()).containsOnly(1);
        assertThat(key.compressed()).isTrue();
        PrivateKey random = PrivateKey.generate(new SecureRandom());
        assertThat(random.publicKey().compressed()).isTrue();
    }

    @Test
    void signAndVerifyThroughTheKeyTypes() {
        PrivateKey key = PrivateKey.of(ONE, true);
        byte[] digest = Sha256.hash(new byte[] {1, 2, 3});
        byte[] sig = key.sign(digest);
        assertThat(key.publicKey().verify(digest, sig)).isTrue();
        assertThat(PrivateKey.of(ONE, false).publicKey().verify(digest, sig)).as("same point, other encoding").isTrue();
        digest[0] ^= 1;
        assertThat(key.publicKey().verify(digest, sig)).isFalse();
        assertThatThrownBy(() -> key.sign(new byte[31])).hasMessage("digest must be 32 bytes, got 31");
    }

    @Test
    void publicKeyParseErrorsOnBothEngines() {
        byte[] badX = Hex.decode("02" + "00".repeat(31) + "05"); // x = 5 has no y on secp256k1
        byte[] badY = Hex.decode(G_UNCOMPRESSED.substring(0, 129) + "9");
        for (Secp256k1 engine : Engines.both()) {
            assertThatThrownBy(() -> PublicKey.parse(new byte[32], engine))
                    .hasMessage("public key must be 33 bytes (compressed) or 65 bytes (uncompressed), got 32");
            assertThatThrownBy(() -> PublicKey.parse(Hex.decode("04" + G_COMPRESSED.substring(2)), engine))
                    .hasMessage("public key of 33 bytes cannot start with 0x04");
            assertThatThrownBy(() -> PublicKey.parse(Hex.decode("07" + G_UNCOMPRESSED.substring(2)), engine))
                    .hasMessage("hybrid public key encoding (prefix 0x07) is not accepted; use 0x02/0x03 or 0x04");
            assertThatThrownBy(() -> PublicKey.parse(badX, engine))
                    .hasMessageStartingWith("public key is not a valid point on secp256k1");
            assertThatThrownBy(() -> PublicKey.parse(badY, engine))
                    .hasMessageStartingWith("public key is not a valid point on secp256k1");
            assertThatThrownBy(() -> PublicKey.parse(null, engine)).hasMessage("public key is missing");
            PublicKey g = PublicKey.parse(Hex.decode(G_UNCOMPRESSED), engine);
            assertThat(g.compressed()).isFalse();
            assertThat(g.withCompression(true, engine).toString()).isEqualTo(G_COMPRESSED);
            assertThat(g.hash160()).isEqualTo(Hash160.hash(Hex.decode(G_UNCOMPRESSED)));
        }
    }

    @Test
    void addressErrors() {
        String good = "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH";
        assertThatThrownBy(() -> Address.parse("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMJ")).hasMessage("Base58Check checksum mismatch");
        assertThatThrownBy(() -> Address.parse("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAM0"))
                .hasMessage("invalid Base58 character '0' at position 33");
        assertThatThrownBy(() -> Address.parse("")).hasMessage("Base58Check string too short (0 bytes)");
        assertThatThrownBy(() -> Address.parse(Base58Check.encode(new byte[0]))).hasMessage("address has no version byte");
        assertThatThrownBy(() -> Address.parse(Base58Check.encode(new byte[20])))
                .hasMessage("address must hold 21 bytes (version and 20-byte public key hash), got 20");
        assertThatThrownBy(() -> Address.parse("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"))
                .hasMessage("not a P2PKH address: version 0x05 is a main-network P2SH address");
        assertThatThrownBy(() -> Address.parse("2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc"))
                .hasMessage("not a P2PKH address: version 0xc4 is a test-network P2SH address");
        assertThatThrownBy(() -> Address.parse(Base58Check.encode(Hex.decode("30" + "00".repeat(20)))))
                .hasMessage("unknown address version 0x30 (P2PKH addresses use 0x00 on main, 0x6f on test)");
        assertThatThrownBy(() -> Address.parse(good, AddressVersion.TEST))
                .hasMessage("address " + good + " is for the main network, expected test");
        assertThatThrownBy(() -> Address.parse(null)).hasMessage("address is missing");
        assertThatThrownBy(() -> Address.parse("1".repeat(65)))
                .hasMessage("address is 65 characters long; a P2PKH address has at most 35");
        assertThatThrownBy(() -> Address.p2pkh(new byte[19], AddressVersion.MAIN))
                .hasMessage("public key hash must be 20 bytes, got 19");
        Address parsed = Address.parse(good, AddressVersion.MAIN);
        assertThat(parsed).isEqualTo(Address.parse(good)).hasSameHashCodeAs(Address.parse(good));
        assertThat(parsed.version()).isEqualTo(AddressVersion.MAIN);
    }

    @Test
    void wifErrors() {
        byte[] payload = new byte[34];
        payload[0] = (byte) 0x80;
        payload[32] = 1;
        payload[33] = 1;
        assertThat(Wif.decode(Base58Check.encode(payload)).key().compressed()).isTrue();

        payload[33] = 2;
        assertThatThrownBy(() -> Wif.decode(Base58Check.encode(payload))).hasMessage("WIF compression flag must be 0x01, got 0x02");
        payload[33] = 1;
        payload[0] = 0x00;
        assertThatThrownBy(() -> Wif.decode(Base58Check.encode(payload)))
                .hasMessage("unknown WIF version 0x00 (expected 0x80 for main or 0xef for test)");
        assertThatThrownBy(() -> Wif.decode(Base58Check.encode(new byte[32])))
                .hasMessage("WIF key must hold 33 bytes (uncompressed) or 34 bytes (compressed): version, "
                        + "32-byte secret, optional 0x01 flag; got 32");
        byte[] zero = new byte[33];
        zero[0] = (byte) 0xef;
        assertThatThrownBy(() -> Wif.decode(Base58Check.encode(zero)))
                .hasMessage("WIF secret is not a valid secp256k1 key (zero or not below the curve order)");
        assertThatThrownBy(() -> Wif.decode("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWo"))
                .hasMessage("Base58Check checksum mismatch");
        assertThatThrownBy(() -> Wif.decode("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn", AddressVersion.TEST))
                .hasMessage("WIF key is for the main network, expected test");
        assertThatThrownBy(() -> Wif.decode(null)).hasMessage("WIF key is missing");
        assertThatThrownBy(() -> Wif.decode("5".repeat(100000)))
                .hasMessage("WIF key is 100000 characters long; a WIF key has at most 52");
    }
}
