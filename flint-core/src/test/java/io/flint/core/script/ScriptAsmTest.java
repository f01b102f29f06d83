package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptAsmTest {

    @Test
    void parsesBitcoinCoresAssemblySyntax() {
        assertThat(ScriptAsm.parse("DUP HASH160 0x14 0x" + "ab".repeat(20) + " EQUALVERIFY CHECKSIG").toHex())
                .isEqualTo("76a914" + "ab".repeat(20) + "88ac");
        assertThat(ScriptAsm.parse("0 1 16 -1 17 -2 1000 OP_NOP").toHex()).isEqualTo("005160" + "4f" + "0111" + "0182" + "02e803" + "61");
        assertThat(ScriptAsm.parse("128 -128 255").toHex()).isEqualTo("028000" + "028080" + "02ff00");
        assertThat(ScriptAsm.parse("'abc' NOP2 NOP3 CHECKLOCKTIMEVERIFY").toHex()).isEqualTo("03616263b1b2b1");
        assertThat(ScriptAsm.parse("").isEmpty()).isTrue();
    }

    @Test
    void rejectsUnknownWords() {
        assertThatThrownBy(() -> ScriptAsm.parse("DUP FOO")).hasMessageContaining("'FOO'");
    }
}
