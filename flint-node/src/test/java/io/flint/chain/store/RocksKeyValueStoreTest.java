package io.flint.chain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksKeyValueStoreTest extends KeyValueStoreContract {
    @TempDir
    Path dir;

    @Override
    protected KeyValueStore newStore() {
        return RocksKeyValueStore.open(dir.resolve("chain"));
    }

    @Test
    void dataSurvivesReopening() {
        store.write(new StoreBatch().put(Column.META, b("tip"), b("abc")));
        store.close();
        store = newStore();
        assertThat(store.get(Column.META, b("tip"))).isEqualTo(b("abc"));
    }

    @Test
    void aSecondOpenOfTheSameDirectoryExplainsWhy() {
        assertThatThrownBy(() -> RocksKeyValueStore.open(dir.resolve("chain")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("in use by another process");
    }
}
