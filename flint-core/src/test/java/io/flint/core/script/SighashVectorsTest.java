package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.core.Vectors;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin Core's {@code sighash.json} (500 rows): the legacy signature hash of random
 * transactions and script codes, every hash type including undefined ones and OP_CODESEPARATOR
 * removal. Every row runs.
 */
class SighashVectorsTest {

    @Test
    void everyRowMatchesBitcoinCore() {
        JsonNode rows = Vectors.load("sighash.json");
        int total = 0;
        int passed = 0;
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.size() == 1) {
                continue;
            }
            total++;
            Transaction tx = Transaction.fromHex(row.get(0).asText());
            Script scriptCode = Script.fromHex(row.get(1).asText());
            int input = row.get(2).asInt();
            int hashType = row.get(3).asInt();
            Hash expected = Hash.fromDisplayHex(row.get(4).asText());
            Hash actual = SignatureHash.legacy(tx, input, scriptCode, hashType);
            if (actual.equals(expected)) {
                passed++;
            } else {
                failures.append("row ").append(i).append(": expected ").append(expected).append(" got ")
                        .append(actual).append('\n');
            }
        }
        Vectors.report("sighash.json", total + " rows, " + passed + " passed");
        assertThat(failures.toString()).isEmpty();
        assertThat(total).isEqualTo(500);
    }
}
