package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {

    /**
     * Layout of {@link #sample()}: version 0..3, input count 4, prevout txid 5..36, index 37..40,
     * scriptSig length 41, scriptSig 42..43, sequence 44..47, output count 48, value 49..56,
     * script length 57, script 58..82, lock time 83..86; 87 bytes.
     */
    static Transaction sample() {
        return new Transaction(1,
                List.of(new TxIn(new OutPoint(Hash.fromDisplayHex("11".repeat(32)), 3), Script.of(new byte[] {0x51, 0x52}),
                        TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(Amount.ofCoins(2), StandardScripts.p2pkh(new byte[20]))), 0);
    }

    @Test
    void serializesInBitcoinsLegacyLayout() {
        Transaction tx = sample();
        assertThat(tx.size()).isEqualTo(87);
        assertThat(tx.toHex()).isEqualTo("01000000" + "01" + "11".repeat(32) + "03000000" + "025152" + "ffffffff"
                + "01" + "00c2eb0b00000000" + "1976a914" + "00".repeat(20) + "88ac" + "00000000");
        assertThat(Transaction.fromHex(tx.toHex())).isEqualTo(tx);
        assertThat(tx.isCoinbase()).isFalse();
    }

    @Test
    void truncationAtEachFieldNamesTheFieldAndOffset() {
        byte[] full = sample().serialize();
        assertThat(parseError(full, 3)).isEqualTo("truncated: needed 4 bytes for transaction version at offset 0, only 3 left");
        assertThat(parseError(full, 4)).isEqualTo("truncated: needed 1 byte for input count at offset 4, only 0 left");
        assertThat(parseError(full, 30)).isEqualTo("truncated: input count 1 at offset 4 needs at least 41 more bytes, only 25 left");
        // an output count the rest cannot hold fails on the count, before any output is read
        assertThat(parseError(full, 50)).isEqualTo("truncated: output count 1 at offset 48 needs at least 9 more bytes, only 1 left");
        assertThat(parseError(full, 60)).isEqualTo(
                "truncated: needed 25 bytes for output scriptPubKey at offset 58 (length at offset 57), only 2 left");
        assertThat(parseError(full, 85)).isEqualTo("truncated: needed 4 bytes for lock time at offset 83, only 2 left");
    }

    @Test
    void truncationInsideAnInputNamesTheInputField() {
        // two inputs: the count check passes, the second input is cut inside its prevout
        Transaction tx = new Transaction(1, List.of(new TxIn(new OutPoint(Hash.ZERO, 0), Script.of(new byte[20]), 0),
                TxIn.unsigned(new OutPoint(Hash.ZERO, 1))), List.of(), 0);
        byte[] full = tx.serialize();
        // 4 version + 1 count + 61 first input + 32 txid = 98: cut inside the second input's index
        assertThat(parseError(full, 100)).isEqualTo("truncated: needed 4 bytes for prevout index at offset 98, only 2 left");
        assertThat(parseError(full, 105)).isEqualTo("truncated: needed 4 bytes for input sequence at offset 103, only 2 left");
    }

    @Test
    void trailingBytesAreAnErrorNamingTheOffset() {
        byte[] full = sample().serialize();
        byte[] longer = Arrays.copyOf(full, full.length + 2);
        assertThatThrownBy(() -> Transaction.parse(longer)).isInstanceOf(DecodeException.class)
                .hasMessage("2 trailing bytes after transaction at offset 87");
    }

    @Test
    void absurdCountsFailOnTheNumber() {
        // version, then an output count of 2^60 after zero inputs
        byte[] bytes = Hex.decode("01000000" + "00" + "ff0000000000000010");
        assertThatThrownBy(() -> Transaction.parse(bytes)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("for output count at offset 5 exceeds the limit");
        byte[] manyInputs = Hex.decode("01000000" + "fe00000002" + "00".repeat(10));
        assertThatThrownBy(() -> Transaction.parse(manyInputs))
                .hasMessage("truncated: input count 33554432 at offset 4 needs at least 1375731712 more bytes, only 10 left");
    }

    @Test
    void badHexIsADecodeError() {
        assertThatThrownBy(() -> Transaction.fromHex("0g")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("not a hex digit 'g'");
    }

    @Test
    void negativeOutputValuesDecodeSoValidationCanRejectThem() {
        Transaction tx = new Transaction(1, List.of(TxIn.unsigned(new OutPoint(Hash.ZERO, 0))),
                List.of(new TxOut(-1, Script.EMPTY)), 0);
        Transaction parsed = Transaction.parse(tx.serialize());
        assertThat(parsed.output(0).value()).isEqualTo(-1);
        assertThatThrownBy(() -> parsed.output(0).amount()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void coinbaseIsOneInputSpendingTheNullOutpoint() {
        Transaction cb = new Transaction(1, List.of(new TxIn(OutPoint.NULL, Script.of(new byte[] {1, 2}), 0)),
                List.of(new TxOut(Amount.ofCoins(50), Script.EMPTY)), 0);
        assertThat(cb.isCoinbase()).isTrue();
        Transaction two = new Transaction(1, List.of(TxIn.unsigned(OutPoint.NULL), TxIn.unsigned(OutPoint.NULL)),
                List.of(), 0);
        assertThat(two.isCoinbase()).isFalse();
    }

    @Test
    void replacingAScriptSigChangesTheTxid() {
        Transaction tx = sample();
        Transaction signed = tx.withScriptSig(0, Script.of(new byte[] {0x00}));
        assertThat(signed.txid()).isNotEqualTo(tx.txid());
        assertThat(signed.input(0).prevout()).isEqualTo(tx.input(0).prevout());
    }

    private static String parseError(byte[] full, int length) {
        byte[] prefix = Arrays.copyOf(full, length);
        try {
            Transaction.parse(prefix);
        } catch (DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("a " + length + "-byte prefix decoded");
    }
}
