package io.flint.chain;

import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.MemoryKeyValueStore;

class MemoryChainStateTest extends ChainStateContract {
    @Override
    protected KeyValueStore newStore() {
        return new MemoryKeyValueStore();
    }

    @Override
    protected KeyValueStore reopen(KeyValueStore store) {
        // the memory store outlives the chain object: a new ChainState over it is a restart
        return store;
    }
}
