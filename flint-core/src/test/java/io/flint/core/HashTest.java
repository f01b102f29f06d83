package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HashTest {
    private static final String GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

    @Test
    void displayHexIsTheReverseOfInternalOrder() {
        Hash h = Hash.fromDisplayHex(GENESIS);
        assertThat(h.toString()).isEqualTo(GENESIS);
        assertThat(h.toHex()).isEqualTo("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000");
        assertThat(Hash.fromHex(h.toHex())).isEqualTo(h);
        assertThat(h.byteAt(0)).isEqualTo((byte) 0x6f);
    }

    @Test
    void numericValueAndOrderFollowBitcoinsUint256() {
        Hash h = Hash.fromDisplayHex(GENESIS);
        assertThat(h.toBigInteger()).isEqualTo(new BigInteger(GENESIS, 16));
        Hash smaller = Hash.fromDisplayHex("00000000000000000000000000000000000000000000000000000000000000ff");
        assertThat(smaller.compareTo(h)).isNegative();
        assertThat(Hash.ZERO.isZero()).isTrue();
        assertThat(Hash.ZERO.compareTo(smaller)).isNegative();
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> Hash.fromDisplayHex("abcd")).hasMessageContaining("64 hex characters, got 4");
        assertThatThrownBy(() -> Hash.of(new byte[31])).hasMessageContaining("32 bytes, got 31");
    }

    @Test
    void copiesProtectTheValue() {
        byte[] b = new byte[32];
        Hash h = Hash.of(b);
        b[0] = 1;
        h.toBytes()[0] = 2;
        assertThat(h).isEqualTo(Hash.ZERO);
    }
}
