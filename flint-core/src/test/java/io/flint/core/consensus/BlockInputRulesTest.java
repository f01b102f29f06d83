package io.flint.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Amount;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptInterpreter;
import io.flint.core.script.StandardScripts;
import org.junit.jupiter.api.Test;

class BlockInputRulesTest {
    @Test
    void opReturnAndOversizeScriptsNeverEnterTheUtxoSet() {
        assertThat(BlockInputRules.isUnspendable(new TxOut(Amount.ZERO, StandardScripts.opReturn(new byte[] {1}))))
                .isTrue();
        assertThat(BlockInputRules.isUnspendable(new TxOut(1, Script.of(new byte[ScriptInterpreter.MAX_SCRIPT_SIZE + 1]))))
                .isTrue();
        assertThat(BlockInputRules.isUnspendable(new TxOut(1, StandardScripts.p2pkh(new byte[20])))).isFalse();
        assertThat(BlockInputRules.isUnspendable(new TxOut(1, Script.EMPTY))).isFalse();
    }
}
