package io.flint.chain.store;

/**
 * The column families of the chain store. Each is its own key space; RocksDB keeps each in its
 * own column family so they can be tuned and iterated separately.
 */
public enum Column {
    /** block hash -> serialized block. */
    BLOCKS("blocks"),
    /** block hash -> serialized header plus its index entry (height, work, status). */
    HEADERS("headers"),
    /** block hash -> the outputs a connected block spent, to disconnect it again. */
    UNDO("undo"),
    /** outpoint -> unspent output (value, script, height, coinbase flag). */
    UTXO("utxo"),
    /** hash160 || ... -> address index rows (unspent outputs and history per address). */
    ADDRESS("address"),
    /** small named values: tip hash, format version. */
    META("meta"),
    /**
     * txid -> hash of the best-chain block that holds it: finds a confirmed transaction without
     * scanning blocks. Written in the same batch as the connect or disconnect that changes it.
     */
    TX("tx");

    private final String familyName;

    Column(String familyName) {
        this.familyName = familyName;
    }

    public String familyName() {
        return familyName;
    }
}
