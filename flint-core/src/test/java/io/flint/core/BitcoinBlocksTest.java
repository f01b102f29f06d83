package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.crypto.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real Bitcoin mainnet blocks ({@code bitcoin_blocks.json}): legacy transaction decoding, txids,
 * Merkle roots and compact targets against Bitcoin's own values. Bitcoin's header is 80 bytes
 * (Flint's has a height and is 84), so it is read here, in the test, and only its hash checked.
 */
class BitcoinBlocksTest {
    private static final JsonNode BLOCKS = Vectors.load("bitcoin_blocks.json");
    private static final int BITCOIN_HEADER = 80;

    /** The 80-byte header fields Bitcoin's block hash covers. */
    private record BitcoinHeader(int version, Hash prev, Hash merkleRoot, long time, long bits, long nonce) {
        static BitcoinHeader read(ByteReader r) {
            return new BitcoinHeader(r.readInt32("version"), r.readHash("prev"), r.readHash("merkle"),
                    r.readUInt32("time"), r.readUInt32("bits"), r.readUInt32("nonce"));
        }
    }

    private static List<Transaction> transactionsAfterHeader(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        BitcoinHeader.read(r);
        int n = r.readCount(10, "transaction count");
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Transaction.read(r));
        }
        r.expectEnd("block");
        return txs;
    }

    @Test
    void genesisBlockDecodesAndHashes() {
        JsonNode g = BLOCKS.get("genesis_block");
        byte[] raw = Hex.decode(g.get("raw_block_hex").asText());
        BitcoinHeader h = BitcoinHeader.read(new ByteReader(raw));
        assertThat(h.version()).isEqualTo(g.get("version").asInt());
        assertThat(h.time()).isEqualTo(g.get("timestamp").asLong());
        assertThat(h.bits()).isEqualTo(g.get("bits").asLong());
        assertThat(h.nonce()).isEqualTo(g.get("nonce").asLong());
        assertThat(h.prev()).isEqualTo(Hash.ZERO);
        assertThat(Hash.twice(raw, 0, BITCOIN_HEADER).toString()).isEqualTo(g.get("block_hash_display").asText());

        List<Transaction> txs = transactionsAfterHeader(raw);
        assertThat(txs).hasSize(1);
        Transaction coinbase = txs.get(0);
        assertThat(coinbase.isCoinbase()).isTrue();
        assertThat(coinbase.output(0).amount()).isEqualTo(Amount.ofCoins(50));
        assertThat(coinbase.txid().toHex()).isEqualTo(g.get("merkle_root_internal").asText());
        assertThat(MerkleTree.rootOf(txs).hash()).isEqualTo(h.merkleRoot());
        assertThat(CheckTransaction.check(coinbase, NetworkParams.DEMO)).isEmpty();
        assertThat(ProofOfWork.check(Hash.twice(raw, 0, BITCOIN_HEADER), h.bits(), CompactTarget.toTarget(0x1d00ffffL)))
                .isTrue();
        // re-encoding the decoded transaction gives Bitcoin's exact bytes
        assertThat(Hex.encode(raw)).endsWith(coinbase.toHex());
    }

    @Test
    void block100000TransactionsTxidsAndMerkleRoot() {
        JsonNode b = BLOCKS.get("block_100000");
        byte[] raw = Hex.decode(b.get("raw_block_hex").asText());
        assertThat(Hex.encode(raw, 0, BITCOIN_HEADER)).isEqualTo(b.get("header_hex").asText());
        BitcoinHeader h = BitcoinHeader.read(new ByteReader(raw));
        Hash blockHash = Hash.twice(raw, 0, BITCOIN_HEADER);
        assertThat(blockHash.toString()).isEqualTo(b.get("block_hash_display").asText());
        assertThat(h.prev().toString()).isEqualTo(b.get("prev_block_hash_display").asText());
        assertThat(h.merkleRoot().toString()).isEqualTo(b.get("merkle_root_display").asText());
        assertThat(h.bits()).isEqualTo(Long.parseLong(b.get("bits_hex").asText(), 16));
        assertThat(h.nonce()).isEqualTo(b.get("nonce").asLong());
        assertThat(h.time()).isEqualTo(b.get("timestamp").asLong());

        List<Transaction> txs = transactionsAfterHeader(raw);
        List<String> txids = new ArrayList<>();
        txs.forEach(tx -> txids.add(tx.txid().toString()));
        List<String> expected = new ArrayList<>();
        b.get("txids_display").forEach(t -> expected.add(t.asText()));
        assertThat(txids).isEqualTo(expected);

        MerkleTree.Root root = MerkleTree.rootOf(txs);
        assertThat(root.hash()).isEqualTo(h.merkleRoot());
        assertThat(root.mutated()).isFalse();
        assertThat(txs.get(0).isCoinbase()).isTrue();
        for (Transaction tx : txs) {
            assertThat(CheckTransaction.check(tx, NetworkParams.DEMO)).isEmpty();
            assertThat(Transaction.parse(tx.serialize()).txid()).isEqualTo(tx.txid());
        }
        assertThat(ProofOfWork.check(blockHash, h.bits(), CompactTarget.toTarget(0x1d00ffffL))).isTrue();
    }

    @Test
    void compactBitsDecodeToBitcoinsTargets() {
        assertThat(CompactTarget.toTarget(0x1b04864cL))
                .isEqualTo(new BigInteger("000000000004864c000000000000000000000000000000000000000000000000", 16));
        assertThat(CompactTarget.toTarget(0x1d00ffffL))
                .isEqualTo(new BigInteger("00000000ffff0000000000000000000000000000000000000000000000000000", 16));
        assertThat(CompactTarget.encode(CompactTarget.toTarget(0x1b04864cL))).isEqualTo(0x1b04864cL);
        assertThat(CompactTarget.encode(CompactTarget.toTarget(0x1d00ffffL))).isEqualTo(0x1d00ffffL);
        // Bitcoin's chain work of one difficulty-1 block
        assertThat(ProofOfWork.work(0x1d00ffffL)).isEqualTo(BigInteger.valueOf(0x100010001L));
    }
}
