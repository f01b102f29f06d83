package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.CheckTransaction;
import io.flint.core.DecodeException;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.Vectors;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin Core's {@code tx_valid.json} and {@code tx_invalid.json}, the rows Flint's interpreter
 * can run.
 *
 * <p>Selection rule: a row runs when (1) its transaction decodes in the legacy serialization with
 * nothing left over (SegWit rows do not), (2) every prevout scriptPubKey is exactly P2PKH
 * ({@code DUP HASH160 0x14 <20> EQUALVERIFY CHECKSIG}) or P2PK ({@code <33|65-byte push>
 * CHECKSIG}), and (3) every flag it names is one the interpreter implements
 * ({@link ScriptFlag#SUPPORTED}). The {@code BADTX} rows of tx_invalid test structure only, so
 * they run whatever their prevout scripts are. The vectors README expects 12 valid rows and
 * 7 + 9 BADTX invalid rows.
 *
 * <p>Semantics, as Bitcoin Core's tx_tests: for tx_valid the listed flags are excluded from the
 * full (supported) set and every input must verify; adding back any one listed flag must make
 * the transaction fail. For tx_invalid the listed flags are applied and some input must fail;
 * removing any one of them must make it pass, and adding any other flag must keep it failing.
 * {@code BADTX} means {@link CheckTransaction} rejects it.
 */
class TxVectorsTest {
    private static final Pattern P2PKH = Pattern.compile("DUP HASH160 0x14 0x[0-9a-fA-F]{40} EQUALVERIFY CHECKSIG");
    private static final Pattern P2PK = Pattern.compile("0x(21 0x[0-9a-fA-F]{66}|41 0x[0-9a-fA-F]{130}) CHECKSIG");

    private final Secp256k1 engine = Secp256k1Engines.best();

    @Test
    void validTransactionsVerify() {
        Tally tally = new Tally();
        int validUnderStandard = 0;
        JsonNode rows = Vectors.load("tx_valid.json");
        for (int i = 0; i < rows.size(); i++) {
            Row row = select(rows.get(i), i, tally, false);
            if (row == null) {
                continue;
            }
            assertThat(CheckTransaction.check(row.tx, NetworkParams.DEMO)).as("row %d CheckTransaction", i).isEmpty();
            Set<ScriptFlag> flags = EnumSet.copyOf(ScriptFlag.SUPPORTED);
            flags.removeAll(row.flags);
            assertThat(firstFailure(row, flags)).as("row %d with %s", i, flags).isNull();
            for (ScriptFlag excluded : row.flags) {
                Set<ScriptFlag> more = EnumSet.copyOf(flags);
                more.add(excluded);
                assertThat(firstFailure(row, more)).as("row %d must fail when %s is added back", i, excluded).isNotNull();
            }
            // Flint's consensus: valid exactly when the row does not need any STANDARD flag turned off
            boolean needsLaxRules = row.flags.stream().anyMatch(ScriptFlag.STANDARD::contains);
            ScriptResult standard = firstFailure(row, ScriptFlag.STANDARD);
            if (needsLaxRules) {
                assertThat(standard).as("row %d under STANDARD", i).isNotNull();
            } else {
                assertThat(standard).as("row %d under STANDARD", i).isNull();
                validUnderStandard++;
            }
            tally.ran++;
        }
        Vectors.report("tx_valid.json", tally.summary() + "; " + validUnderStandard + " also valid under Flint's STANDARD flags");
        assertThat(tally.ran).isEqualTo(12);
    }

    @Test
    void invalidTransactionsFail() {
        Tally tally = new Tally();
        int badTx = 0;
        JsonNode rows = Vectors.load("tx_invalid.json");
        for (int i = 0; i < rows.size(); i++) {
            Row row = select(rows.get(i), i, tally, true);
            if (row == null) {
                continue;
            }
            tally.ran++;
            if (row.badTx) {
                assertThat(CheckTransaction.check(row.tx, NetworkParams.DEMO)).as("row %d CheckTransaction", i).isPresent();
                badTx++;
                continue;
            }
            assertThat(CheckTransaction.check(row.tx, NetworkParams.DEMO)).as("row %d CheckTransaction", i).isEmpty();
            assertThat(firstFailure(row, row.flags)).as("row %d with %s", i, row.flags).isNotNull();
            for (ScriptFlag f : row.flags) {
                Set<ScriptFlag> fewer = EnumSet.copyOf(row.flags);
                fewer.remove(f);
                assertThat(firstFailure(row, fewer)).as("row %d must pass without %s", i, f).isNull();
            }
            for (ScriptFlag f : ScriptFlag.SUPPORTED) {
                Set<ScriptFlag> more = EnumSet.copyOf(row.flags);
                more.add(f);
                assertThat(firstFailure(row, more)).as("row %d must still fail with %s", i, f).isNotNull();
            }
        }
        Vectors.report("tx_invalid.json", tally.summary() + " (" + (tally.ran - badTx) + " script rows, " + badTx + " BADTX)");
        assertThat(tally.ran - badTx).isEqualTo(7);
        assertThat(badTx).isEqualTo(9);
    }

    /** The first failing input's result, or null when every input verifies. */
    private ScriptResult firstFailure(Row row, Set<ScriptFlag> flags) {
        for (int in = 0; in < row.tx.inputs().size(); in++) {
            Script prev = row.prevouts.get(row.tx.input(in).prevout());
            ScriptResult r = ScriptInterpreter.verifyInput(row.tx, in, prev, flags, engine);
            if (!r.isOk()) {
                return r;
            }
        }
        return null;
    }

    private record Row(Transaction tx, Map<OutPoint, Script> prevouts, Set<ScriptFlag> flags, boolean badTx) {}

    /** Applies the selection rule; null (and a tally entry) for rows that do not run. */
    private static Row select(JsonNode json, int index, Tally tally, boolean invalidFile) {
        if (Vectors.isComment(json)) {
            return null;
        }
        tally.rows++;
        String flagText = json.get(2).asText();
        boolean badTx = invalidFile && flagText.equals("BADTX");
        Transaction tx;
        try {
            tx = Transaction.fromHex(json.get(1).asText());
        } catch (DecodeException e) {
            tally.skip("not a legacy serialization (witness)");
            return null;
        }
        Map<OutPoint, Script> prevouts = new HashMap<>();
        boolean allStandard = true;
        for (JsonNode p : json.get(0)) {
            long n = p.get(1).asLong();
            OutPoint op = new OutPoint(Hash.fromDisplayHex(p.get(0).asText()), n == -1 ? OutPoint.NULL_INDEX : n);
            String asm = p.get(2).asText().trim();
            allStandard &= P2PKH.matcher(asm).matches() || P2PK.matcher(asm).matches();
            prevouts.put(op, ScriptAsm.parse(asm));
        }
        if (badTx) {
            return new Row(tx, prevouts, Set.of(), true);
        }
        if (!allStandard) {
            tally.skip("a prevout script is not P2PKH/P2PK");
            return null;
        }
        Set<ScriptFlag> flags = ScriptFlag.parseList(flagText);
        List<ScriptFlag> unsupported = new ArrayList<>();
        for (ScriptFlag f : flags) {
            if (!f.isSupported()) {
                unsupported.add(f);
            }
        }
        if (!unsupported.isEmpty()) {
            tally.skip("names unsupported flag " + unsupported);
            return null;
        }
        return new Row(tx, prevouts, flags.isEmpty() ? EnumSet.noneOf(ScriptFlag.class) : EnumSet.copyOf(flags), false);
    }

    private static final class Tally {
        int rows;
        int ran;
        final Map<String, Integer> skipped = new TreeMap<>();

        void skip(String why) {
            skipped.merge(why, 1, Integer::sum);
        }

        String summary() {
            int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
            return rows + " rows, " + ran + " ran and passed, " + skippedTotal + " skipped " + skipped;
        }
    }
}
