package io.flint.chain;

import io.flint.chain.store.KeyValueStore;
import io.flint.chain.store.RocksKeyValueStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksChainStateTest extends ChainStateContract {
    @TempDir
    Path dir;

    @Override
    protected KeyValueStore newStore() {
        return RocksKeyValueStore.open(dir.resolve("chain"));
    }

    @Override
    protected KeyValueStore reopen(KeyValueStore store) {
        store.close();
        return RocksKeyValueStore.open(dir.resolve("chain"));
    }
}
