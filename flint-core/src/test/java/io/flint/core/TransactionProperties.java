package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TransactionProperties {

    @Provide
    Arbitrary<Transaction> transactions() {
        return CoreArbitraries.transactions();
    }

    @Provide
    Arbitrary<Block> blocks() {
        return CoreArbitraries.blocks();
    }

    @Property
    void transactionSerializeParseSerializeIsIdentical(@ForAll("transactions") Transaction tx) {
        byte[] bytes = tx.serialize();
        Transaction parsed = Transaction.parse(bytes);
        assertThat(parsed.serialize()).isEqualTo(bytes);
        assertThat(parsed).isEqualTo(tx);
        assertThat(parsed.txid()).isEqualTo(tx.txid()).isEqualTo(Hash.twice(bytes));
        assertThat(parsed.size()).isEqualTo(bytes.length).isEqualTo(tx.size());
    }

    @Property
    void blockSerializeParseSerializeIsIdentical(@ForAll("blocks") Block block) {
        byte[] bytes = block.serialize();
        Block parsed = Block.parse(bytes);
        assertThat(parsed.serialize()).isEqualTo(bytes);
        assertThat(parsed).isEqualTo(block);
        assertThat(parsed.hash()).isEqualTo(block.header().hash());
        assertThat(parsed.size()).isEqualTo(bytes.length);
    }

    @Property
    void merkleRootOfOneTransactionIsItsTxid(@ForAll("transactions") Transaction tx) {
        MerkleTree.Root root = MerkleTree.root(List.of(tx.txid()));
        assertThat(root.hash()).isEqualTo(tx.txid());
        assertThat(root.mutated()).isFalse();
    }

    @Property(tries = 200)
    void everyTruncationIsADecodeErrorNamingAnOffsetInsideTheInput(@ForAll("transactions") Transaction tx) {
        byte[] bytes = tx.serialize();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
            try {
                Transaction.parse(prefix);
                throw new AssertionError("a " + cut + "-byte prefix of a " + bytes.length + "-byte tx decoded");
            } catch (DecodeException e) {
                assertThat(e.offset()).isBetween(0, cut);
                assertThat(e.getMessage()).contains("offset " + e.offset());
            }
        }
    }
}
