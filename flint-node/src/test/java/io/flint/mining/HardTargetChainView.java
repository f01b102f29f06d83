package io.flint.mining;

import io.flint.chain.ChainListener;
import io.flint.chain.ChainTip;
import io.flint.chain.ChainView;
import io.flint.chain.ConfirmedTransaction;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.consensus.UtxoLookup;
import java.util.Optional;

/**
 * A real chain seen with a target no hash meets (the target 1), so a miner on it works until it
 * is stopped or moved: for watching stale-work handling and nonce-range rolls.
 */
final class HardTargetChainView implements ChainView {
    static final long IMPOSSIBLE_BITS = 0x0300_0001L;

    private final ChainView chain;

    HardTargetChainView(ChainView chain) {
        this.chain = chain;
    }

    @Override
    public NetworkParams params() {
        return chain.params();
    }

    @Override
    public ChainTip tip() {
        ChainTip t = chain.tip();
        return new ChainTip(t.hash(), t.header(), t.chainWork(), t.medianTimePast(), IMPOSSIBLE_BITS);
    }

    @Override
    public UtxoLookup utxos() {
        return chain.utxos();
    }

    @Override
    public Optional<ConfirmedTransaction> transaction(Hash txid) {
        return chain.transaction(txid);
    }

    @Override
    public void addListener(ChainListener listener) {
        chain.addListener(listener);
    }
}
