package io.flint.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.script.Script;
import io.flint.crypto.Hex;
import org.junit.jupiter.api.Test;

/** BIP 34's height push, byte for byte as Bitcoin Core's {@code CScript() << height}. */
class CoinbaseHeightTest {
    @Test
    void smallHeightsAreSmallIntegerOpcodes() {
        assertThat(Hex.encode(CoinbaseHeight.prefix(0))).isEqualTo("00");
        assertThat(Hex.encode(CoinbaseHeight.prefix(1))).isEqualTo("51");
        assertThat(Hex.encode(CoinbaseHeight.prefix(16))).isEqualTo("60");
    }

    @Test
    void largerHeightsAreMinimalLittleEndianNumbers() {
        assertThat(Hex.encode(CoinbaseHeight.prefix(17))).isEqualTo("0111");
        assertThat(Hex.encode(CoinbaseHeight.prefix(127))).isEqualTo("017f");
        // the top bit would make it negative: a zero byte follows
        assertThat(Hex.encode(CoinbaseHeight.prefix(128))).isEqualTo("028000");
        assertThat(Hex.encode(CoinbaseHeight.prefix(255))).isEqualTo("02ff00");
        assertThat(Hex.encode(CoinbaseHeight.prefix(256))).isEqualTo("020001");
        // Bitcoin block 227,836, the first BIP 34 block: 03 fc7903
        assertThat(Hex.encode(CoinbaseHeight.prefix(227_836))).isEqualTo("03fc7903");
        assertThat(Hex.encode(CoinbaseHeight.prefix(0xffff_ffffL))).isEqualTo("05ffffffff00");
    }

    @Test
    void aScriptMatchesOnlyItsOwnHeight() {
        Script s = CoinbaseHeight.scriptSig(300, new byte[] {42});
        assertThat(CoinbaseHeight.matches(s, 300)).isTrue();
        assertThat(CoinbaseHeight.matches(s, 301)).isFalse();
        assertThat(CoinbaseHeight.matches(s, 44)).isFalse();
        assertThat(CoinbaseHeight.matches(Script.of(new byte[] {2}), 300)).isFalse();
    }
}
