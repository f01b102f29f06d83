package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.crypto.Base58Check;
import io.flint.crypto.Hex;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class HdKeyDerivationTest {

    static List<Secp256k1> engines() {
        return Engines.available();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void specVectorsDeriveEveryChainAndRoundTripBothSerializations(Secp256k1 engine) {
        HdKeyDerivation hd = new HdKeyDerivation(engine);
        Bip32VectorFile file = Bip32VectorFile.load();
        int rows = 0;
        int passed = 0;
        for (Bip32VectorFile.Vector vector : file.valid()) {
            ExtendedKey master = hd.master(Hex.decode(vector.seedHex()));
            ExtendedKey previous = null;
            for (Bip32VectorFile.Chain chain : vector.chains()) {
                rows++;
                String where = vector.name() + " chain " + chain.path();
                DerivationPath path = DerivationPath.parse(chain.path());
                ExtendedKey key = hd.derivePath(master, path);
                assertThat(key.toXprv()).as(where + " xprv").isEqualTo(chain.xprv());
                assertThat(key.toXpub()).as(where + " xpub").isEqualTo(chain.xpub());
                assertThat(key.depth()).isEqualTo(path.depth());

                ExtendedKey parsedPrivate = hd.parse(chain.xprv());
                ExtendedKey parsedPublic = hd.parse(chain.xpub());
                assertThat(parsedPrivate).as(where + " parsed xprv").isEqualTo(key);
                assertThat(parsedPublic).as(where + " parsed xpub").isEqualTo(key.neuter());
                assertThat(parsedPublic.hasPrivateKey()).isFalse();

                if (previous != null) {
                    ChildNumber step = path.steps().get(path.depth() - 1);
                    assertThat(key.parentFingerprint()).isEqualTo(previous.fingerprint());
                    if (!step.isHardened()) {
                        // CKDpub from the parent's public key alone reaches the same public key
                        assertThat(hd.deriveChild(previous.neuter(), step)).as(where + " public derivation").isEqualTo(key.neuter());
                    }
                }
                previous = key;
                passed++;
            }
        }
        System.out.println("[vectors] bip32-vectors.json valid chains (" + engine.name() + "): " + rows + " rows, " + passed + " passed");
        assertThat(passed).isEqualTo(17);
    }

    /** What each of the spec's test vector 5 comments means in this parser's terms. */
    private static final Map<String, InvalidExtendedKeyException.Reason> SPEC_REASONS = Map.ofEntries(
            Map.entry("pubkey version / prvkey mismatch", InvalidExtendedKeyException.Reason.VERSION_KEY_MISMATCH),
            Map.entry("prvkey version / pubkey mismatch", InvalidExtendedKeyException.Reason.VERSION_KEY_MISMATCH),
            Map.entry("invalid pubkey prefix 04", InvalidExtendedKeyException.Reason.KEY_PREFIX),
            Map.entry("invalid prvkey prefix 04", InvalidExtendedKeyException.Reason.KEY_PREFIX),
            Map.entry("invalid pubkey prefix 01", InvalidExtendedKeyException.Reason.KEY_PREFIX),
            Map.entry("invalid prvkey prefix 01", InvalidExtendedKeyException.Reason.KEY_PREFIX),
            Map.entry("zero depth with non-zero parent fingerprint", InvalidExtendedKeyException.Reason.MASTER_WITH_PARENT_FINGERPRINT),
            Map.entry("zero depth with non-zero index", InvalidExtendedKeyException.Reason.MASTER_WITH_CHILD_NUMBER),
            Map.entry("unknown extended key version", InvalidExtendedKeyException.Reason.UNKNOWN_VERSION),
            Map.entry("private key 0 not in 1..n-1", InvalidExtendedKeyException.Reason.PRIVATE_KEY_RANGE),
            Map.entry("private key n not in 1..n-1", InvalidExtendedKeyException.Reason.PRIVATE_KEY_RANGE),
            Map.entry("invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007",
                    InvalidExtendedKeyException.Reason.PUBLIC_KEY_NOT_ON_CURVE),
            Map.entry("invalid checksum", InvalidExtendedKeyException.Reason.CHECKSUM));

    @ParameterizedTest
    @MethodSource("engines")
    void specInvalidKeysAreRejectedForTheSpecsReason(Secp256k1 engine) {
        HdKeyDerivation hd = new HdKeyDerivation(engine);
        List<Bip32VectorFile.Invalid> invalid = Bip32VectorFile.load().invalid();
        int passed = 0;
        for (Bip32VectorFile.Invalid row : invalid) {
            InvalidExtendedKeyException.Reason expected = SPEC_REASONS.get(row.reason());
            assertThat(expected).as("known spec reason '%s'", row.reason()).isNotNull();
            assertThatThrownBy(() -> hd.parse(row.key()))
                    .as(row.reason())
                    .isInstanceOfSatisfying(InvalidExtendedKeyException.class, e -> {
                        assertThat(e.reason()).as(row.reason()).isEqualTo(expected);
                        assertThat(e.getMessage()).isNotBlank();
                    });
            passed++;
        }
        System.out.println("[vectors] bip32-vectors.json invalid keys (" + engine.name() + "): " + invalid.size() + " rows, " + passed + " passed");
        assertThat(passed).isEqualTo(16);
    }

    @Test
    void trezorVectorSeedsGiveThePublishedMasterKeys() {
        HdKeyDerivation hd = new HdKeyDerivation(Secp256k1Engines.java());
        Bip39VectorFile file = Bip39VectorFile.load();
        int passed = 0;
        for (Bip39VectorFile.Row row : file.rows()) {
            byte[] seed = Mnemonic.parse(row.mnemonic()).toSeed(file.passphrase());
            assertThat(hd.master(seed).toXprv()).as(row.mnemonic()).isEqualTo(row.masterXprv());
            passed++;
        }
        System.out.println("[vectors] bip39-vectors.json (seed -> master xprv): " + file.rows().size() + " rows, " + passed + " passed");
    }

    @Test
    void messagesNameTheProblem() {
        HdKeyDerivation hd = new HdKeyDerivation(Secp256k1Engines.java());
        assertThatThrownBy(() -> hd.parse("xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFGpWnsj83BHtEy5Zt8CcDr1UiRXuWCmTQLxEK9vbz5gPstX92JQ"))
                .hasMessage("private key data must start with 0x00, found 0x04");
        assertThatThrownBy(() -> hd.parse("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet0"))
                .isInstanceOfSatisfying(InvalidExtendedKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidExtendedKeyException.Reason.ENCODING))
                .hasMessageContaining("'0' at position 110");
        String short77 = Base58Check.encode(new byte[77]);
        assertThatThrownBy(() -> hd.parse(short77))
                .isInstanceOfSatisfying(InvalidExtendedKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidExtendedKeyException.Reason.LENGTH))
                .hasMessage("an extended key is 78 bytes, this one is 77");
    }

    @Test
    void publicKeysCannotDeriveHardenedChildrenOrRevealASecret() {
        HdKeyDerivation hd = new HdKeyDerivation(Secp256k1Engines.java());
        ExtendedKey master = hd.master(Hex.decode("000102030405060708090a0b0c0d0e0f"));
        ExtendedKey pub = master.neuter();
        assertThatThrownBy(() -> hd.deriveChild(pub, ChildNumber.hardened(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the private key");
        assertThatThrownBy(pub::secret).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pub::toXprv).isInstanceOf(IllegalStateException.class);
        assertThat(master.toString()).doesNotContain(master.toXprv()).contains(master.toXpub());
    }

    @Test
    void seedsOutsideTheSpecsLengthsAreRefused() {
        HdKeyDerivation hd = new HdKeyDerivation(Secp256k1Engines.java());
        assertThatThrownBy(() -> hd.master(new byte[15])).hasMessageContaining("16 to 64 bytes, got 15");
        assertThatThrownBy(() -> hd.master(new byte[65])).hasMessageContaining("got 65");
    }

    @Test
    void intermediateValuesAtOrAboveTheCurveOrderAreInvalid() {
        HdKeyDerivation hd = new HdKeyDerivation(Secp256k1Engines.java());
        byte[] n = Hex.decode("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
        byte[] nMinus1 = Hex.decode("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140");
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xFF);
        assertThat(hd.isBelowCurveOrder(n)).isFalse();
        assertThat(hd.isBelowCurveOrder(max)).isFalse();
        assertThat(hd.isBelowCurveOrder(nMinus1)).isTrue();
        assertThat(hd.isBelowCurveOrder(new byte[32])).isTrue();
    }

    @Test
    void pathsParseInEveryHardenedNotationAndPrintCanonically() {
        DerivationPath path = DerivationPath.parse("m/44'/0'/0'/0/7");
        assertThat(DerivationPath.parse("m/44h/0h/0h/0/7")).isEqualTo(path);
        assertThat(DerivationPath.parse("m/44H/0H/0H/0/7")).isEqualTo(path);
        assertThat(path.toString()).isEqualTo("m/44'/0'/0'/0/7");
        assertThat(path.steps()).containsExactly(ChildNumber.hardened(44), ChildNumber.hardened(0), ChildNumber.hardened(0),
                ChildNumber.normal(0), ChildNumber.normal(7));
        assertThat(path.steps().get(0).value()).isEqualTo(0x8000002C);
        assertThat(DerivationPath.parse("m")).isEqualTo(DerivationPath.MASTER);
        assertThat(DerivationPath.parse("m/2147483647'").steps().get(0).value()).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void malformedPathsNameTheBadStep() {
        assertThatThrownBy(() -> DerivationPath.parse("44'/0'")).hasMessageContaining("starts with 'm'");
        assertThatThrownBy(() -> DerivationPath.parse("m/44'/x/0")).hasMessage("step 2 'x' of path 'm/44'/x/0' is not a child number");
        assertThatThrownBy(() -> DerivationPath.parse("m/1//2")).hasMessageContaining("step 2 ''");
        assertThatThrownBy(() -> DerivationPath.parse("m/1/")).hasMessageContaining("step 2 ''");
        assertThatThrownBy(() -> DerivationPath.parse("m/2147483648")).hasMessageContaining("above the largest index");
        assertThatThrownBy(() -> DerivationPath.parse("m/-1")).hasMessageContaining("step 1 '-1'");
    }
}
