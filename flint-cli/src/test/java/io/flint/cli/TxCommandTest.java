package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.core.Amount;
import io.flint.core.Hash;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.ByteReader;
import io.flint.core.Vectors;
import io.flint.core.script.Script;
import io.flint.core.script.SigHashType;
import io.flint.core.script.StandardScripts;
import io.flint.core.script.TransactionSigner;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1Engines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The 4 transactions of Bitcoin block 100000 (bitcoin_blocks.json), as hex. */
    private static List<String> block100000Transactions() {
        JsonNode block = Vectors.load("bitcoin_blocks.json").get("block_100000");
        byte[] raw = Hex.decode(block.get("raw_block_hex").asText());
        ByteReader r = new ByteReader(raw);
        r.readBytes(80, "bitcoin header");
        long n = r.readCompactSize("tx count");
        List<String> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Transaction.read(r).toHex());
        }
        return txs;
    }

    @Test
    void decodeShowsTheTxidBitcoinShows() throws Exception {
        JsonNode expectedTxids = Vectors.load("bitcoin_blocks.json").get("block_100000").get("txids_display");
        List<String> txs = block100000Transactions();
        for (int i = 0; i < txs.size(); i++) {
            CliRun run = CliRun.of("tx", "decode", txs.get(i));
            assertThat(run.exitCode()).isZero();
            JsonNode decoded = JSON.readTree(run.out());
            assertThat(decoded.get("txid").asText()).isEqualTo(expectedTxids.get(i).asText());
        }
        JsonNode spend = JSON.readTree(CliRun.of("tx", "decode", txs.get(1)).out());
        assertThat(spend.get("vout").get(0).get("scriptPubKey").get("type").asText()).isEqualTo("pubkeyhash");
        assertThat(spend.get("vout").get(0).get("scriptPubKey").get("address").asText()).startsWith("1");
        assertThat(spend.get("vin").get(0).get("scriptSig").get("asm").asText()).isNotEmpty();
    }

    @Test
    void truncatedTransactionNamesTheOffset() {
        String hex = block100000Transactions().get(1);
        CliRun run = CliRun.of("tx", "decode", hex.substring(0, hex.length() - 6));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.oneLineError()).isTrue();
        assertThat(run.err()).contains("truncated").containsPattern("offset \\d+");
    }

    @Test
    void trailingBytesAreRejectedWithTheirOffset() {
        String hex = block100000Transactions().get(1);
        CliRun run = CliRun.of("tx", "decode", hex + "00");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("trailing").contains("offset " + hex.length() / 2);
    }

    @Test
    void badHexNamesTheCharacter() {
        CliRun run = CliRun.of("tx", "decode", "01000g00");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("not a hex digit 'g' at character 5");
        assertThat(CliRun.of("tx", "decode", "010").err()).contains("odd number");
    }

    private record Signed(Transaction tx, List<Script> spent) {}

    private static Signed signedTwoInputTransaction(PrivateKey a, PrivateKey b) {
        Script spentA = StandardScripts.p2pkhForKey(a.publicKey().bytes());
        Script spentB = StandardScripts.p2pkhForKey(b.publicKey().bytes());
        Transaction unsigned = new Transaction(1,
                List.of(TxIn.unsigned(new OutPoint(Hash.twice(new byte[] {1}), 0)),
                        TxIn.unsigned(new OutPoint(Hash.twice(new byte[] {2}), 3))),
                List.of(new TxOut(Amount.ofCoins(1), StandardScripts.p2pkhForKey(b.publicKey().bytes()))), 0);
        TransactionSigner signer = new TransactionSigner(Secp256k1Engines.best());
        Transaction tx = signer.signP2pkh(unsigned, 0, spentA, a, SigHashType.ALL);
        tx = signer.signP2pkh(tx, 1, spentB, b, SigHashType.ALL);
        return new Signed(tx, List.of(spentA, spentB));
    }

    private static PrivateKey key(int n) {
        byte[] secret = new byte[32];
        secret[31] = (byte) n;
        secret[0] = 0x11;
        return PrivateKey.of(secret, true);
    }

    @Test
    void verifyAcceptsAFlintSignedTransaction() {
        Signed s = signedTwoInputTransaction(key(1), key(2));
        CliRun run = CliRun.of("tx", "verify", s.tx().toHex(), "--spent", s.spent().get(0).toHex() + ":5000",
                "--spent", s.spent().get(1).toHex());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("input 0: ok").contains("input 1: ok").contains("valid: all 2");
        assertThat(run.out().lines().toList()).as("the value given with :UNITS is shown, as the help says")
                .contains("input 0: ok (spends 0.00005, 5000 units)", "input 1: ok");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void verifyHelpSaysWhatSpentIsInOneParagraph() {
        String help = CliRun.of("tx", "verify", "--help").out();
        assertThat(help.replaceAll("\\s+", " ")).contains("one --spent per input, in input order; optionally ':' and its "
                + "value in units, shown beside that input's result");
    }

    @Test
    void verifyRejectsASignatureForAnotherOutput() {
        Signed s = signedTwoInputTransaction(key(1), key(2));
        // claim input 1 spends key 1's output: its signature and key no longer match the script
        CliRun run = CliRun.of("tx", "verify", s.tx().toHex(), "--spent", s.spent().get(0).toHex(),
                "--spent", s.spent().get(0).toHex());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).contains("input 0: ok").contains("input 1: FAILED");
        assertThat(run.err()).contains("input 1 does not verify").contains("EQUALVERIFY");
    }

    @Test
    void verifyRejectsATamperedTransaction() {
        Signed s = signedTwoInputTransaction(key(1), key(2));
        Transaction tampered = new Transaction(s.tx().version(), s.tx().inputs(),
                List.of(new TxOut(Amount.ofCoins(2), s.tx().output(0).scriptPubKey())), 0);
        CliRun run = CliRun.of("tx", "verify", tampered.toHex(), "--spent", s.spent().get(0).toHex(),
                "--spent", s.spent().get(1).toHex());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("input 0 does not verify").contains("input 1 does not verify");
    }

    @Test
    void verifyNeedsOneSpentPerInput() {
        Signed s = signedTwoInputTransaction(key(1), key(2));
        CliRun run = CliRun.of("tx", "verify", s.tx().toHex(), "--spent", s.spent().get(0).toHex());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("2 input(s) but 1 --spent");
        assertThat(run.oneLineError()).isTrue();
    }

    @Test
    void verifyExplainsABadSpentValue() {
        Signed s = signedTwoInputTransaction(key(1), key(2));
        CliRun run = CliRun.of("tx", "verify", s.tx().toHex(), "--spent", s.spent().get(0).toHex() + ":lots",
                "--spent", s.spent().get(1).toHex());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--spent #1").contains("'lots' is not an amount");
        CliRun badHex = CliRun.of("tx", "verify", s.tx().toHex(), "--spent", "76a9zz", "--spent", "00");
        assertThat(badHex.err()).contains("--spent #1 script hex: not a hex digit 'z'");
    }

    @Test
    void verifyOfACoinbaseSaysThereIsNothingToVerify() {
        String coinbase = block100000Transactions().get(0);
        CliRun run = CliRun.of("tx", "verify", coinbase, "--spent", "00");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("coinbase");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"key", "--help"},
                new String[] {"key", "new", "--help"}, new String[] {"key", "address", "--help"},
                new String[] {"tx", "--help"}, new String[] {"tx", "decode", "--help"},
                new String[] {"tx", "verify", "--help"}, new String[] {"demo", "--help"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage:");
        }
        assertThat(CliRun.of("--version").out()).startsWith("flint ");
    }

}
