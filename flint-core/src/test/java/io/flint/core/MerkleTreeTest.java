package io.flint.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.crypto.Sha256;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final Hash A = Hash.fromDisplayHex("aa".repeat(32));
    private static final Hash B = Hash.fromDisplayHex("bb".repeat(32));
    private static final Hash C = Hash.fromDisplayHex("cc".repeat(32));

    private static Hash pair(Hash x, Hash y) {
        return Hash.of(Sha256.hashTwice(x.toBytes(), y.toBytes()));
    }

    @Test
    void emptyIsZeroAndOneIsItself() {
        assertThat(MerkleTree.root(List.of())).isEqualTo(new MerkleTree.Root(Hash.ZERO, false));
        assertThat(MerkleTree.root(List.of(A))).isEqualTo(new MerkleTree.Root(A, false));
    }

    @Test
    void oddLevelsRepeatTheirLastHash() {
        assertThat(MerkleTree.root(List.of(A, B)).hash()).isEqualTo(pair(A, B));
        Hash expected = pair(pair(A, B), pair(C, C));
        assertThat(MerkleTree.root(List.of(A, B, C))).isEqualTo(new MerkleTree.Root(expected, false));
    }

    @Test
    void duplicatedTailGivesTheSameRootButIsFlaggedAsMutated() {
        // CVE-2012-2459: [A B C] and [A B C C] share a root; only the second has an identical pair
        MerkleTree.Root honest = MerkleTree.root(List.of(A, B, C));
        MerkleTree.Root forged = MerkleTree.root(List.of(A, B, C, C));
        assertThat(forged.hash()).isEqualTo(honest.hash());
        assertThat(honest.mutated()).isFalse();
        assertThat(forged.mutated()).isTrue();
        // an identical pair on a higher level counts too: [A B A B] gives (AB)(AB) on level 1
        assertThat(MerkleTree.root(List.of(A, B, A, B)).mutated()).isTrue();
        assertThat(MerkleTree.root(List.of(A, A)).mutated()).isTrue();
        assertThat(MerkleTree.root(List.of(A, B, B)).mutated()).isFalse();
    }
}
