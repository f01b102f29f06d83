package io.flint.chain.store;

class MemoryKeyValueStoreTest extends KeyValueStoreContract {
    @Override
    protected KeyValueStore newStore() {
        return new MemoryKeyValueStore();
    }
}
