package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Hash;
import io.flint.crypto.Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes that mine the same height to the same address, with nothing else in their blocks,
 * still make different coinbases: a fork lab whose two branches paid the class wallet had the
 * same coinbase txid on both, so the abandoned branch's reward survived the reorganisation.
 */
class CoinbaseUniquenessTest {
    @TempDir
    Path dir;

    @Test
    void twoFreshNodesMiningTheSameHeightToTheSameAddressMakeDifferentCoinbases() {
        Address classWallet = Address.p2pkh(new byte[20], io.flint.core.NetworkParams.REGTEST.addressVersion());
        try (ApiNode a = new ApiNode("a", dir.resolve("a"), ApiOptions.DEFAULTS, List.of(), 0,
                        b -> b.minerAddress = Optional.of(classWallet));
                ApiNode b = new ApiNode("b", dir.resolve("b"), ApiOptions.DEFAULTS, List.of(), 0,
                        s -> s.minerAddress = Optional.of(classWallet))) {
            a.mine(null);
            b.mine(null);
            Hash first = a.node.chain().blockAt(1).orElseThrow().transactions().get(0).txid();
            Hash second = b.node.chain().blockAt(1).orElseThrow().transactions().get(0).txid();
            assertThat(first).isNotEqualTo(second);
        }
    }
}
