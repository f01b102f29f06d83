package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.chain.BlockOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Block;
import io.flint.core.NetworkParams;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read endpoints over a real node: their JSON shapes and the errors of bad ids and parameters. */
class ChainApiTest extends OneApiNodePerClass {
    /** An address nobody else pays: the blocks this class mines pay it. */
    Address miner;

    /** Two blocks on block 9 that lost to the best chain, as a fork leaves them: blocks 10 and 11 of a side branch. */
    List<Block> side;

    @BeforeAll
    void mineTwelveBlocksAndASideBranch() {
        miner = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN);
        for (int i = 0; i < 12; i++) {
            n.mine(miner.toString());
        }
        side = new TestChainBuilder(NetworkParams.REGTEST).extend(n.node.chain().blockAt(9).orElseThrow(), 2);
        for (Block b : side) {
            assertThat(n.node.loop().call(() -> n.node.chain().submitBlock(b), Duration.ofSeconds(10)))
                    .isInstanceOf(BlockOutcome.SideBranch.class);
        }
    }


    @Test
    void statusDescribesTheNode() {
        JsonNode s = n.get("/status").json();
        assertThat(s.path("id").asText()).isEqualTo("api-test");
        assertThat(s.path("network").asText()).isEqualTo("regtest");
        assertThat(s.path("role").asText()).isEqualTo("full");
        assertThat(s.path("height").asLong()).isEqualTo(n.node.chain().height()).isGreaterThanOrEqualTo(12);
        assertThat(s.path("tip").asText()).isEqualTo(n.node.chain().tip().hash().toString());
        assertThat(s.path("difficulty_bits").asDouble()).isPositive();
        for (String field : List.of("peers", "mempool", "uptime_s", "peers_alive", "next_difficulty_bits",
                "best_header_height", "mempool_bytes", "orphans", "mining", "hash_rate", "payout_address", "p2p", "synced")) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.path("sync").path("phase").asText()).isIn("IDLE", "HEADERS", "BLOCKS");
        assertThat(s.path("reorgs").asLong()).isZero();
        assertThat(s.has("last_reorg")).isTrue();
        assertThat(s.path("last_reorg").isNull()).isTrue();
    }

    @Test
    void blocksListsTheLatestFirstOrAscendingFromAHeight() {
        long tip = n.node.chain().height();
        JsonNode latest = n.get("/blocks").json();
        assertThat(latest.size()).isEqualTo((int) Math.min(ChainApi.DEFAULT_BLOCKS, tip + 1));
        assertThat(latest.get(0).path("height").asLong()).isEqualTo(tip);
        assertThat(latest.get(1).path("height").asLong()).isEqualTo(tip - 1);
        assertThat(latest.get(0).path("prev").asText()).isEqualTo(latest.get(1).path("hash").asText());

        JsonNode page = n.get("/blocks?from=1&limit=3").json();
        assertThat(page).extracting(b -> b.path("height").asLong()).containsExactly(1L, 2L, 3L);
        JsonNode b1 = page.get(0);
        Block block1 = n.node.chain().blockAt(1).orElseThrow();
        assertThat(b1.path("hash").asText()).isEqualTo(block1.hash().toString());
        assertThat(b1.path("merkle_root").asText()).isEqualTo(block1.header().merkleRoot().toString());
        assertThat(b1.path("timestamp").asLong()).isEqualTo(block1.header().timestamp());
        assertThat(b1.path("bits").asLong()).isEqualTo(NetworkParams.REGTEST.powLimitBits());
        assertThat(b1.path("nonce").asLong()).isEqualTo(block1.header().nonce());
        assertThat(b1.path("tx_count").asInt()).isEqualTo(1);
        assertThat(b1.path("miner").asText()).isEqualTo(miner.toString());
        assertThat(b1.has("difficulty_bits")).isTrue();

        assertThat(n.get("/blocks?from=" + (tip + 5)).json()).isEmpty();
    }

    @Test
    void badBlockListParametersAre400() {
        // "+3" is refused as /blocks/+3 is: one spelling of each number
        for (String query : List.of("?limit=0", "?limit=501", "?limit=ten", "?from=-1", "?from=x", "?from=+3",
                "?from=%2B3", "?limit=+2")) {
            Response r = n.get("/blocks" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.error()).isEqualTo("bad_parameter");
            assertThat(r.reason()).as(query).contains(query.substring(1, query.indexOf('=')));
        }
    }

    @Test
    void oneBlockByHeightOrHashWithItsTransactionsDecoded() {
        Block block = n.node.chain().blockAt(3).orElseThrow();
        JsonNode byHeight = n.get("/blocks/3").json();
        JsonNode byHash = n.get("/blocks/" + block.hash()).json();
        assertThat(byHash).isEqualTo(byHeight);
        assertThat(byHeight.path("hash").asText()).isEqualTo(block.hash().toString());
        assertThat(byHeight.path("height").asLong()).isEqualTo(3);
        assertThat(byHeight.path("on_best_chain").asBoolean()).isTrue();
        assertThat(byHeight.path("confirmations").asLong()).isEqualTo(n.node.chain().height() - 3 + 1);
        assertThat(byHeight.path("next").asText()).isEqualTo(n.node.chain().blockAt(4).orElseThrow().hash().toString());
        JsonNode coinbase = byHeight.path("transactions").get(0);
        assertThat(coinbase.path("txid").asText()).isEqualTo(block.transactions().get(0).txid().toString());
        assertThat(coinbase.path("coinbase").asBoolean()).isTrue();
        assertThat(coinbase.path("outputs").get(0).path("address").asText()).isEqualTo(miner.toString());
        assertThat(coinbase.path("outputs").get(0).path("value").asText()).isEqualTo("50");
        assertThat(coinbase.path("outputs").get(0).path("type").asText()).isEqualTo("pubkeyhash");
        assertThat(coinbase.path("inputs").get(0).path("prev_vout").asLong()).isEqualTo(0xffff_ffffL);
    }

    @Test
    void unknownBlocksAre404AndMalformedIds400() {
        Response height = n.get("/blocks/999999");
        assertThat(height.status()).isEqualTo(404);
        assertThat(height.error()).isEqualTo("not_found");
        assertThat(height.reason()).contains("999999");
        String unknown = "ab".repeat(32);
        Response hash = n.get("/blocks/" + unknown);
        assertThat(hash.status()).isEqualTo(404);
        assertThat(hash.reason()).contains(unknown);
        Response bad = n.get("/blocks/not-a-block");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("bad_block_hash");
        assertThat(bad.reason()).contains("not-a-block").contains("64 hex");
        long tip = n.node.chain().height();
        for (String beyond : List.of("4294967296", "9223372036854775807", "99999999999999999999")) {
            Response r = n.get("/blocks/" + beyond);
            assertThat(r.status()).as(beyond).isEqualTo(404);
            assertThat(r.reason()).isEqualTo("no block at height " + beyond + " in the best chain (its tip is at height "
                    + tip + ")");
        }
        Response plus = n.get("/blocks/+5");
        assertThat(plus.status()).isEqualTo(400);
        assertThat(plus.error()).isEqualTo("bad_block_hash");
        Response negative = n.get("/blocks/-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.error()).isEqualTo("bad_block_hash");
        assertThat(negative.reason()).isEqualTo("'-1' is neither a block height (0 or more) nor a block hash "
                + "(64 hex characters)");
    }

    @Test
    void aConfirmedTransactionIsFoundByTxidWithItsConfirmations() {
        Block block = n.node.chain().blockAt(2).orElseThrow();
        String txid = block.transactions().get(0).txid().toString();
        JsonNode tx = n.get("/tx/" + txid).json();
        assertThat(tx.path("status").asText()).isEqualTo("confirmed");
        assertThat(tx.path("block_hash").asText()).isEqualTo(block.hash().toString());
        assertThat(tx.path("block_height").asLong()).isEqualTo(2);
        assertThat(tx.path("confirmations").asLong()).isEqualTo(n.node.chain().height() - 1);
        assertThat(tx.path("hex").asText()).isEqualTo(block.transactions().get(0).toHex());
        assertThat(tx.path("tx").path("txid").asText()).isEqualTo(txid);

        assertThat(n.get("/tx/" + "00".repeat(32)).status()).isEqualTo(404);
        Response bad = n.get("/tx/xyz");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("bad_txid");
    }

    @Test
    void anAddressShowsItsOutputsBalanceAndHistory() {
        long tip = n.node.chain().height();
        JsonNode utxos = n.get("/address/" + miner + "/utxos").json();
        assertThat(utxos.size()).isEqualTo(12);
        JsonNode oldest = utxos.get(0);
        assertThat(oldest.path("height").asLong()).isEqualTo(1);
        assertThat(oldest.path("coinbase").asBoolean()).isTrue();
        assertThat(oldest.path("value").asText()).isEqualTo("50");
        assertThat(oldest.path("units").asLong()).isEqualTo(5_000_000_000L);
        assertThat(oldest.path("confirmations").asLong()).isEqualTo(tip);
        assertThat(oldest.path("spendable").asBoolean()).isEqualTo(tip >= 10);
        assertThat(oldest.path("script_pub_key").asText()).startsWith("76a914");

        JsonNode balance = n.get("/address/" + miner + "/balance").json();
        assertThat(balance.path("confirmed").asText()).isEqualTo("600");
        assertThat(balance.path("unconfirmed").asText()).isEqualTo("0");
        assertThat(balance.path("utxos").asInt()).isEqualTo(12);
        // coinbase outputs need 10 confirmations: mined at heights 1..12 with the tip at 12, three are spendable
        long spendable = utxos.findValuesAsText("spendable").stream().filter(Boolean::parseBoolean).count();
        assertThat(balance.path("spendable_units").asLong()).isEqualTo(spendable * 5_000_000_000L);
        assertThat(balance.path("spendable_units").asLong() + balance.path("immature_units").asLong())
                .isEqualTo(600 * 100_000_000L);

        JsonNode history = n.get("/address/" + miner + "/history?limit=5").json();
        assertThat(history.size()).isEqualTo(5);
        assertThat(history.get(0).path("height").asLong()).isEqualTo(12);
        assertThat(history.get(0).path("received").asBoolean()).isTrue();
        assertThat(history.get(0).path("value_in").asText()).isEqualTo("50");
        assertThat(history.get(0).path("net").asText()).isEqualTo("50");
    }

    @Test
    void anAddressThatIsNotOneIs400AndAnUnusedOneIsEmpty() {
        Response bad = n.get("/address/1NotAnAddress/balance");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("bad_address");
        assertThat(bad.reason()).contains("1NotAnAddress");
        Address unused = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN);
        assertThat(n.get("/address/" + unused + "/utxos").json()).isEmpty();
        assertThat(n.get("/address/" + unused + "/history").json()).isEmpty();
        assertThat(n.get("/address/" + unused + "/balance").json().path("confirmed").asText()).isEqualTo("0");
    }

    @Test
    void tipsListTheBestChainsTipAndEachSideBranchsWithItsLength() {
        JsonNode tips = n.get("/tips").json();
        assertThat(tips).hasSize(2);
        JsonNode active = tips.get(0);
        assertThat(active.path("height").asLong()).isEqualTo(n.node.chain().height());
        assertThat(active.path("hash").asText()).isEqualTo(n.node.chain().tip().hash().toString());
        assertThat(active.path("branch_length").asLong()).isZero();
        assertThat(active.path("status").asText()).isEqualTo("active");
        JsonNode fork = tips.get(1);
        assertThat(fork.path("height").asLong()).isEqualTo(11);
        assertThat(fork.path("hash").asText()).isEqualTo(side.get(1).hash().toString());
        assertThat(fork.path("branch_length").asLong()).as("blocks 10 and 11, on block 9").isEqualTo(2);
        assertThat(fork.path("status").asText()).isEqualTo("valid-fork");
        assertThat(fork.size()).as("height, hash, branch_length, status").isEqualTo(4);

        assertThat(n.get("/tips?limit=1").json()).extracting(t -> t.path("status").asText()).containsExactly("active");
        for (String query : List.of("?limit=0", "?limit=101", "?limit=x")) {
            Response r = n.get("/tips" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.error()).isEqualTo("bad_parameter");
        }
    }

    /**
     * {@code next} is the best chain's; off it, {@code next_on_branch} is the block's child on
     * its own branch, so an abandoned block's page does not read as a tip.
     */
    @Test
    void aBlockOffTheBestChainNamesItsChildOnItsOwnBranch() {
        JsonNode first = n.get("/blocks/" + side.get(0).hash()).json();
        assertThat(first.path("on_best_chain").asBoolean()).isFalse();
        assertThat(first.path("next").isNull()).as("no next on the best chain").isTrue();
        assertThat(first.path("next_on_branch").asText()).isEqualTo(side.get(1).hash().toString());
        JsonNode last = n.get("/blocks/" + side.get(1).hash()).json();
        assertThat(last.has("next_on_branch")).isTrue();
        assertThat(last.path("next_on_branch").isNull()).as("the tip of its branch").isTrue();

        // on the best chain both say the same, the fork point too (its other child is block 10 of the side branch)
        JsonNode forkPoint = n.get("/blocks/9").json();
        assertThat(forkPoint.path("next").asText()).isEqualTo(n.node.chain().blockAt(10).orElseThrow().hash().toString());
        assertThat(forkPoint.path("next_on_branch")).isEqualTo(forkPoint.path("next"));
        JsonNode tip = n.get("/blocks/" + n.node.chain().height()).json();
        assertThat(tip.path("next").isNull()).isTrue();
        assertThat(tip.path("next_on_branch").isNull()).isTrue();
    }

    @Test
    void orphansAndNetworkViewsHaveTheirShapes() {
        assertThat(n.get("/orphan").json().isArray()).isTrue();
        assertThat(n.get("/peers").json().isArray()).isTrue();
        assertThat(n.get("/latency").json().isObject()).isTrue();
        JsonNode capacity = n.get("/capacity").json();
        assertThat(capacity.path("simulated").asBoolean()).isFalse();
        assertThat(capacity.path("history").isArray()).isTrue();
        JsonNode redundancy = n.get("/redundancy").json();
        assertThat(redundancy.has("total")).isTrue();
        assertThat(redundancy.path("per_type").isObject()).isTrue();
        JsonNode queue = n.get("/queue").json();
        assertThat(queue.path("total").asInt()).isZero();
        assertThat(queue.path("per_destination").isObject()).isTrue();
        assertThat(queue.path("dropped").isObject()).isTrue();
        assertThat(n.get("/blacklist").json().isArray()).isTrue();
    }

    @Test
    void healthSaysLiveAndReadyWhenThereIsNothingToSync() {
        Response live = n.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("live");
        Response ready = n.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
    }

    @Test
    void unknownPathsAndWrongMethodsAreJsonErrors() {
        Response unknown = n.get("/no/such/thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("not_found");
        assertThat(unknown.reason()).contains("/no/such/thing");
        assertThat(unknown.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        Response wrong = n.send(HttpRequest.newBuilder(n.uri("/status")).DELETE());
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.error()).isEqualTo("method_not_allowed");
        Response getOnPost = n.get("/mine");
        assertThat(getOnPost.status()).isEqualTo(405);
    }
}
