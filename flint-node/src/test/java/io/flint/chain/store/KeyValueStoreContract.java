package io.flint.chain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link KeyValueStore} must have; each implementation runs all of it. */
abstract class KeyValueStoreContract {
    protected KeyValueStore store;

    protected abstract KeyValueStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void absentKeyReadsAsNull() {
        assertThat(store.get(Column.UTXO, b("nothing"))).isNull();
    }

    @Test
    void batchAppliesPutsAndDeletesInOrder() {
        store.write(new StoreBatch().put(Column.UTXO, b("a"), b("1")).put(Column.UTXO, b("b"), b("2")));
        store.write(new StoreBatch().delete(Column.UTXO, b("a")).put(Column.UTXO, b("b"), b("3"))
                .put(Column.UTXO, b("c"), b("4")).delete(Column.UTXO, b("c")));
        assertThat(store.get(Column.UTXO, b("a"))).isNull();
        assertThat(store.get(Column.UTXO, b("b"))).isEqualTo(b("3"));
        assertThat(store.get(Column.UTXO, b("c"))).isNull();
    }

    @Test
    void getAllAnswersInKeyOrderWithNullForAbsentKeys() {
        store.write(new StoreBatch().put(Column.UTXO, b("a"), b("1")).put(Column.UTXO, b("c"), b("3"))
                .put(Column.UNDO, b("b"), b("other column")));
        List<byte[]> values = store.getAll(Column.UTXO, List.of(b("c"), b("b"), b("a"), b("c")));
        assertThat(values).containsExactly(b("3"), null, b("1"), b("3"));
        assertThat(store.getAll(Column.UTXO, List.of())).isEmpty();
    }

    @Test
    void columnsAreSeparateKeySpaces() {
        store.write(new StoreBatch().put(Column.BLOCKS, b("k"), b("block")).put(Column.UNDO, b("k"), b("undo")));
        assertThat(store.get(Column.BLOCKS, b("k"))).isEqualTo(b("block"));
        assertThat(store.get(Column.UNDO, b("k"))).isEqualTo(b("undo"));
        assertThat(store.get(Column.HEADERS, b("k"))).isNull();
    }

    @Test
    void scanVisitsOnlyThePrefixInUnsignedKeyOrder() {
        StoreBatch batch = new StoreBatch();
        for (byte[] key : List.of(new byte[] {1, (byte) 0xff}, new byte[] {1, 0x00}, new byte[] {1, 0x7f},
                new byte[] {2, 0}, new byte[] {0, 9}, new byte[] {1})) {
            batch.put(Column.ADDRESS, key, key);
        }
        store.write(batch);
        List<byte[]> seen = new ArrayList<>();
        store.scan(Column.ADDRESS, new byte[] {1}, (k, v) -> seen.add(k));
        assertThat(seen).containsExactly(new byte[] {1}, new byte[] {1, 0x00}, new byte[] {1, 0x7f},
                new byte[] {1, (byte) 0xff});
    }

    @Test
    void scanStopsWhenTheVisitorSaysSo() {
        store.write(new StoreBatch().put(Column.META, b("x1"), b("1")).put(Column.META, b("x2"), b("2"))
                .put(Column.META, b("x3"), b("3")));
        List<String> seen = new ArrayList<>();
        store.scan(Column.META, b("x"), (k, v) -> {
            seen.add(new String(k, StandardCharsets.UTF_8));
            return seen.size() < 2;
        });
        assertThat(seen).containsExactly("x1", "x2");
    }

    @Test
    void emptyPrefixScansTheWholeColumn() {
        store.write(new StoreBatch().put(Column.HEADERS, b("a"), b("1")).put(Column.HEADERS, b("z"), b("2"))
                .put(Column.BLOCKS, b("m"), b("3")));
        List<String> seen = new ArrayList<>();
        store.scan(Column.HEADERS, new byte[0], (k, v) -> seen.add(new String(k, StandardCharsets.UTF_8)));
        assertThat(seen).containsExactly("a", "z");
    }

    @Test
    void valuesAreCopiesTheCallerCannotCorrupt() {
        byte[] value = b("original");
        StoreBatch batch = new StoreBatch().put(Column.META, b("k"), value);
        value[0] = 'X';
        store.write(batch);
        byte[] read = store.get(Column.META, b("k"));
        read[0] = 'Y';
        assertThat(store.get(Column.META, b("k"))).isEqualTo(b("original"));
    }

    @Test
    void usingAClosedStoreIsAClearError() {
        store.close();
        assertThatThrownBy(() -> store.get(Column.META, b("k"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        store = newStore();
    }
}
