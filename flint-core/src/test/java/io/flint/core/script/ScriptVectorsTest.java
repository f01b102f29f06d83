package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.Vectors;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin Core's {@code script_tests.json}, the P2PKH/P2PK rows (the vectors README counts 31).
 *
 * <p>Selection rule: skip rows with a leading witness array and rows whose flags name WITNESS or
 * TAPROOT; keep rows whose scriptPubKey is structurally P2PKH ({@code DUP HASH160 0x14 <20>
 * EQUALVERIFY CHECKSIG}) or P2PK ({@code <33|65-byte push> CHECKSIG}, whatever the key bytes, so
 * the invalid-key rows are in). P2SH in a row's flags is dropped: it only changes how a P2SH
 * scriptPubKey is evaluated, and these scriptPubKeys are not P2SH. Any other flag must be one
 * the interpreter implements.
 *
 * <p>Each row runs against Bitcoin's fixed transaction pair: a crediting transaction (version 1,
 * one input with the null prevout, scriptSig {@code 00 00}, sequence 0xffffffff; one output of
 * value 0 with the row's scriptPubKey; lock time 0) and a spending transaction (version 1, one
 * input spending crediting:0 with the row's scriptSig, sequence 0xffffffff; one output of value
 * 0 with an empty script; lock time 0). The result must be the row's expected error name.
 */
class ScriptVectorsTest {
    private static final Pattern P2PKH = Pattern.compile("DUP HASH160 0x14 0x[0-9a-fA-F]{40} EQUALVERIFY CHECKSIG");
    private static final Pattern P2PK = Pattern.compile("0x(21 0x[0-9a-fA-F]{66}|41 0x[0-9a-fA-F]{130}) CHECKSIG");

    private final Secp256k1 engine = Secp256k1Engines.best();

    @Test
    void p2pkhAndP2pkRowsGiveBitcoinsResult() {
        JsonNode rows = Vectors.load("script_tests.json");
        int total = 0;
        int ran = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        Map<String, Integer> byError = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (Vectors.isComment(row)) {
                continue;
            }
            total++;
            if (row.get(0).isArray()) {
                skipped.merge("witness", 1, Integer::sum);
                continue;
            }
            String flagText = row.get(2).asText();
            if (flagText.contains("WITNESS") || flagText.contains("TAPROOT")) {
                skipped.merge("witness or taproot flags", 1, Integer::sum);
                continue;
            }
            String pubKeyAsm = row.get(1).asText().trim();
            if (!P2PKH.matcher(pubKeyAsm).matches() && !P2PK.matcher(pubKeyAsm).matches()) {
                skipped.merge("scriptPubKey not P2PKH/P2PK", 1, Integer::sum);
                continue;
            }
            Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
            flags.addAll(ScriptFlag.parseList(flagText));
            flags.remove(ScriptFlag.P2SH);
            assertThat(flags).as("row %d flags", i).allMatch(ScriptFlag::isSupported);

            Script scriptSig = ScriptAsm.parse(row.get(0).asText());
            Script scriptPubKey = ScriptAsm.parse(pubKeyAsm);
            Transaction spending = spendingTx(scriptSig, creditingTx(scriptPubKey));
            ScriptResult result = ScriptInterpreter.verifyInput(spending, 0, scriptPubKey, flags, engine);
            String expected = row.get(3).asText();
            assertThat(result.error().name()).as("row %d (%s): %s", i, row.get(4).asText(), result.message())
                    .isEqualTo(expected);
            byError.merge(expected, 1, Integer::sum);
            ran++;
        }
        Vectors.report("script_tests.json", total + " tests, " + ran + " P2PKH/P2PK rows ran and passed " + byError
                + ", skipped " + skipped);
        assertThat(ran).isEqualTo(31);
    }

    static Transaction creditingTx(Script scriptPubKey) {
        return new Transaction(1, List.of(new TxIn(OutPoint.NULL, Script.of(new byte[] {0, 0}), TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(0, scriptPubKey)), 0);
    }

    static Transaction spendingTx(Script scriptSig, Transaction crediting) {
        Hash txid = crediting.txid();
        return new Transaction(1, List.of(new TxIn(new OutPoint(txid, 0), scriptSig, TxIn.SEQUENCE_FINAL)),
                List.of(new TxOut(crediting.output(0).value(), Script.EMPTY)), 0);
    }
}
