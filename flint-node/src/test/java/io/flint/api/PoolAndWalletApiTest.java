package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Amount;
import io.flint.core.Transaction;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import io.flint.wallet.FeeRate;
import io.flint.wallet.SignedPayment;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transactions in and out of the pool over HTTP, and the node wallet's endpoints: what a client
 * submits is admitted or refused with the rule it broke, and a refusal changes nothing.
 */
class PoolAndWalletApiTest extends OneApiNodePerClass {

    @BeforeAll
    void mineSpendableRewards() {
        // rewards to the node wallet; 10 confirmations make the first ones spendable
        n.mine(13);
    }


    private static Address someone() {
        return PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN);
    }

    /** A payment signed by the node wallet but not submitted. */
    private Transaction unsubmittedPayment(Address to, Amount amount) {
        SignedPayment p = n.node.loop().call(() -> n.node.wallet().pay(to, amount, FeeRate.DEFAULT,
                n.node.coins().of(n.node.wallet().addresses()), n.node.chain().height(), n.node.settings().network(),
                n.node.clock().instant()),
                Duration.ofSeconds(10));
        return p.transaction();
    }

    @Test
    void aValidTransactionIsAdmittedOnceAndShowsInThePool() {
        Address to = someone();
        Transaction tx = unsubmittedPayment(to, Amount.parse("1.25"));

        Response r = n.post("/tx", "{\"hex\":\"" + tx.toHex() + "\"}", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("txid").asText()).isEqualTo(tx.txid().toString());
        assertThat(r.json().path("status").asText()).isEqualTo("accepted");
        Response again = n.post("/tx", "{\"hex\":\"" + tx.toHex() + "\"}", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("already_known");

        JsonNode pooled = n.get("/tx/" + tx.txid()).json();
        assertThat(pooled.path("status").asText()).isEqualTo("pooled");
        assertThat(pooled.path("confirmations").asLong()).isZero();
        assertThat(pooled.path("block_hash").isNull()).isTrue();
        assertThat(pooled.path("hex").asText()).isEqualTo(tx.toHex());
        JsonNode listed = null;
        for (JsonNode e : n.get("/transactions").json()) {
            if (e.path("txid").asText().equals(tx.txid().toString())) {
                listed = e;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("size").asInt()).isEqualTo(tx.size());
        assertThat(listed.path("hex").asText()).isEqualTo(tx.toHex());
        // the wallet prices the largest signature it might make, so the fee is at least size x rate
        assertThat(listed.path("fee").asText()).isEqualTo(r.json().path("fee").asText());
        assertThat(Amount.parse(listed.path("fee").asText()).units()).isBetween(
                tx.size() * FeeRate.DEFAULT.unitsPerByte(), (tx.size() + 4) * FeeRate.DEFAULT.unitsPerByte());
        assertThat(n.get("/address/" + to + "/balance").json().path("unconfirmed").asText()).isEqualTo("1.25");
        assertThat(n.get("/address/" + to + "/history").json().get(0).path("height").asLong()).isEqualTo(-1);

        // once mined it is confirmed, found through the txid index
        n.mine(null);
        JsonNode confirmed = n.get("/tx/" + tx.txid()).json();
        assertThat(confirmed.path("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.path("confirmations").asLong()).isEqualTo(1);
        assertThat(confirmed.path("block_height").asLong()).isEqualTo(n.node.chain().height());
        assertThat(n.get("/address/" + to + "/balance").json().path("confirmed").asText()).isEqualTo("1.25");
    }

    @Test
    void malformedSubmissionsAre400AndChangeNothing() {
        int pool = n.node.mempool().size();
        long height = n.node.chain().height();
        Transaction valid = unsubmittedPayment(someone(), Amount.ONE_COIN);
        String hex = valid.toHex();
        record Case(String body, String error, String inReason) {}
        List<Case> cases = List.of(
                new Case("", "bad_json", "empty"),
                new Case("{\"hex\": ", "bad_json", "not valid JSON"),
                new Case("[1,2]", "bad_json", "a JSON object with a string field 'hex'"),
                new Case("{}", "missing_field", "hex"),
                new Case("{\"hex\":\"\"}", "bad_hex", "'hex' is empty"),
                new Case("{\"hex\":\"  \"}", "bad_hex", "'hex' is empty"),
                new Case("{\"hex\":\"zz\"}", "bad_hex", "hex"),
                new Case("{\"hex\":\"" + hex.substring(0, hex.length() - 6) + "\"}", "bad_transaction", "offset"),
                new Case("{\"hex\":\"" + hex + "00\"}", "bad_transaction", ""),
                // a signature byte changed: decodes, but the script does not verify
                new Case("{\"hex\":\"" + corruptSignature(hex) + "\"}", "rejected", "script"));
        for (Case c : cases) {
            Response r = n.post("/tx", c.body(), null);
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            assertThat(r.error()).as(c.body()).isEqualTo(c.error());
            assertThat(r.reason()).as(c.body()).contains(c.inReason()).doesNotContain("Exception");
        }
        assertThat(n.node.mempool().size()).isEqualTo(pool);
        assertThat(n.node.chain().height()).isEqualTo(height);
    }

    @Test
    void aTransactionSpendingUnknownOutputsIs400AndIsNotHeld() {
        PrivateKey mine = PrivateKey.generate(new SecureRandom());
        Transaction parent = unsubmittedPayment(mine.publicKey().toAddress(AddressVersion.MAIN), Amount.ONE_COIN);
        int vout = 0;
        while (!parent.output(vout).scriptPubKey().equals(TestChainBuilder.p2pkh(mine))) {
            vout++;
        }
        Transaction child = new TestChainBuilder(n.node.settings().network()).tx()
                .spending(TestChainBuilder.output(parent, vout, mine))
                .paying(someone(), Amount.parse("0.99")).sign();
        int pool = n.node.mempool().size();
        int orphans = n.node.loop().call(() -> n.node.mempool().orphanCount(), Duration.ofSeconds(10));

        Response r = n.post("/tx", "{\"hex\":\"" + child.toHex() + "\"}", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("missing_inputs");
        assertThat(r.reason()).contains(parent.txid() + ":" + vout);
        assertThat(n.node.mempool().size()).isEqualTo(pool);
        assertThat(n.node.loop().call(() -> n.node.mempool().orphanCount(), Duration.ofSeconds(10))).isEqualTo(orphans);
        // the parent's arrival does not bring the refused child in: it was not kept
        assertThat(n.post("/tx", "{\"hex\":\"" + parent.toHex() + "\"}", null).status()).isEqualTo(200);
        assertThat(n.node.loop().call(() -> n.node.mempool().contains(child.txid()), Duration.ofSeconds(10))).isFalse();
        assertThat(n.node.loop().call(() -> n.node.mempool().contains(parent.txid()), Duration.ofSeconds(10))).isTrue();
    }

    /** Flips a byte inside the first input's DER signature (after the 41-byte outpoint+length prefix). */
    private static String corruptSignature(String hex) {
        int at = 2 * (4 + 1 + 36 + 1 + 10);
        char c = hex.charAt(at);
        return hex.substring(0, at) + (c == '0' ? '1' : '0') + hex.substring(at + 1);
    }

    @Test
    void theNodeWalletShowsItsBalanceIssuesAddressesAndPays() {
        JsonNode wallet = n.get("/wallet").json();
        assertThat(wallet.path("mining_address").asText()).isEqualTo(n.node.payoutAddress().toString());
        assertThat(wallet.path("addresses")).isNotEmpty();
        assertThat(Amount.parse(wallet.path("balance").path("spendable").asText()).units()).isPositive();
        assertThat(wallet.path("balance").has("immature")).isTrue();

        Response fresh = n.post("/wallet/newaddress", null);
        assertThat(fresh.status()).isEqualTo(200);
        String address = fresh.json().path("address").asText();
        assertThat(n.get("/wallet").json().path("addresses").toString()).contains(address);

        Address to = someone();
        Response paid = n.post("/wallet/send", "{\"address\":\"" + to + "\",\"amount\":\"2.5\"}");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(paid.json().path("amount").asText()).isEqualTo("2.5");
        assertThat(paid.json().path("to").asText()).isEqualTo(to.toString());
        assertThat(paid.json().path("change_address").asText()).isNotBlank();
        String txid = paid.json().path("txid").asText();
        assertThat(n.get("/tx/" + txid).json().path("status").asText()).isEqualTo("pooled");
        assertThat(n.get("/address/" + to + "/utxos").json().get(0).path("value").asText()).isEqualTo("2.5");
    }

    @Test
    void walletPaymentsRefuseBadInputClearly() {
        int pool = n.node.mempool().size();
        record Case(String body, String error, String inReason) {}
        List<Case> cases = List.of(
                new Case("{\"address\":\"" + someone() + "\",\"amount\":\"abc\"}", "bad_amount", "'abc'"),
                new Case("{\"address\":\"" + someone() + "\",\"amount\":\"0\"}", "bad_amount", "more than 0"),
                new Case("{\"address\":\"" + someone() + "\",\"amount\":\"1.123456789\"}", "bad_amount", "decimals"),
                new Case("{\"address\":\"nope\",\"amount\":\"1\"}", "bad_address", "nope"),
                new Case("{\"amount\":\"1\"}", "missing_field", "address"),
                new Case("{\"address\":\"" + someone() + "\"}", "missing_field", "amount"),
                // exactly as the client parses it: no spaces around, and empty is no amount
                new Case("{\"address\":\"" + someone() + "\",\"amount\":\" 1\"}", "bad_amount", "' 1' has ' ' at position 0"),
                new Case("{\"address\":\"" + someone() + "\",\"amount\":\"\"}", "bad_amount", "amount is empty"),
                new Case("{\"address\":\"" + someone() + "\",\"amount\":\"20000000\"}", "insufficient_funds", ""));
        for (Case c : cases) {
            Response r = n.post("/wallet/send", c.body());
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            assertThat(r.error()).as(c.body()).isEqualTo(c.error());
            assertThat(r.reason()).as(c.body()).contains(c.inReason());
        }
        assertThat(n.node.mempool().size()).isEqualTo(pool);
    }
}
