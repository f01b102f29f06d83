package io.flint.core;

import io.flint.core.script.Script;
import io.flint.crypto.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction in Bitcoin's legacy (pre-SegWit) form: version, inputs, outputs, lock time.
 * Immutable; the txid (double SHA-256 of the serialization) and the size are computed once, at
 * construction.
 *
 * <p>Any transaction that decodes is representable, including invalid ones from a peer:
 * {@link CheckTransaction} says whether it is well-formed, the script interpreter whether it is
 * authorised.
 */
public final class Transaction {
    /** version + input count + output count + lock time: the least a transaction takes. */
    static final int MIN_SIZE = 4 + 1 + 1 + 4;

    private final int version;
    private final List<TxIn> inputs;
    private final List<TxOut> outputs;
    private final long lockTime;
    private final Hash txid;
    private final int size;

    public Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.lockTime = checkLockTime(lockTime);
        ByteWriter w = new ByteWriter(estimateSize());
        write(w);
        byte[] bytes = w.toByteArray();
        this.size = bytes.length;
        this.txid = Hash.twice(bytes);
    }

    private Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime, Hash txid, int size) {
        this.version = version;
        this.inputs = inputs;
        this.outputs = outputs;
        this.lockTime = lockTime;
        this.txid = txid;
        this.size = size;
    }

    private static long checkLockTime(long lockTime) {
        if (lockTime < 0 || lockTime > 0xffff_ffffL) {
            throw new IllegalArgumentException("lock time " + lockTime + " is not a uint32");
        }
        return lockTime;
    }

    /**
     * Decodes exactly one transaction: bytes left over after it are an error.
     *
     * @throws DecodeException naming the field and byte offset that could not be read
     */
    public static Transaction parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Transaction tx = read(r);
        r.expectEnd("transaction");
        return tx;
    }

    /** Decodes hex of the serialization (as transactions travel in messages). */
    public static Transaction fromHex(String hex) {
        byte[] bytes;
        try {
            bytes = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("transaction hex: " + e.getMessage(), "transaction hex", 0);
        }
        return parse(bytes);
    }

    /** Reads one transaction from the reader's position (inside a block, for example). */
    public static Transaction read(ByteReader r) {
        int start = r.position();
        int version = r.readInt32("transaction version");
        int nIn = r.readCount(TxIn.MIN_SIZE, "input count");
        List<TxIn> inputs = new ArrayList<>(nIn);
        for (int i = 0; i < nIn; i++) {
            inputs.add(TxIn.read(r));
        }
        int nOut = r.readCount(TxOut.MIN_SIZE, "output count");
        List<TxOut> outputs = new ArrayList<>(nOut);
        for (int i = 0; i < nOut; i++) {
            outputs.add(TxOut.read(r));
        }
        long lockTime = r.readUInt32("lock time");
        int size = r.position() - start;
        Hash txid = Hash.twice(r.array(), start, size);
        return new Transaction(version, List.copyOf(inputs), List.copyOf(outputs), lockTime, txid, size);
    }

    public void write(ByteWriter w) {
        w.writeInt32(version);
        w.writeCompactSize(inputs.size());
        for (TxIn in : inputs) {
            in.write(w);
        }
        w.writeCompactSize(outputs.size());
        for (TxOut out : outputs) {
            out.write(w);
        }
        w.writeUInt32(lockTime);
    }

    /** The canonical legacy serialization. */
    public byte[] serialize() {
        ByteWriter w = new ByteWriter(size);
        write(w);
        return w.toByteArray();
    }

    public String toHex() {
        return Hex.encode(serialize());
    }

    private int estimateSize() {
        int n = 4 + ByteWriter.compactSizeLength(inputs.size()) + ByteWriter.compactSizeLength(outputs.size()) + 4;
        for (TxIn in : inputs) {
            n += in.serializedSize();
        }
        for (TxOut out : outputs) {
            n += out.serializedSize();
        }
        return n;
    }

    public int version() {
        return version;
    }

    public List<TxIn> inputs() {
        return inputs;
    }

    public List<TxOut> outputs() {
        return outputs;
    }

    public TxIn input(int index) {
        return inputs.get(index);
    }

    public TxOut output(int index) {
        return outputs.get(index);
    }

    public long lockTime() {
        return lockTime;
    }

    /** Double SHA-256 of the serialization; {@code toString()} shows it in display order. */
    public Hash txid() {
        return txid;
    }

    /** Serialized size in bytes. */
    public int size() {
        return size;
    }

    /** One input, spending the null outpoint: the transaction that creates a block's reward. */
    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).prevout().isNull();
    }

    /** A copy with input {@code index} replaced. */
    public Transaction withInput(int index, TxIn input) {
        List<TxIn> copy = new ArrayList<>(inputs);
        copy.set(index, input);
        return new Transaction(version, copy, outputs, lockTime);
    }

    /** A copy with the scriptSig of input {@code index} replaced (how signing fills a transaction in). */
    public Transaction withScriptSig(int index, Script scriptSig) {
        return withInput(index, inputs.get(index).withScriptSig(scriptSig));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && t.txid.equals(txid) && t.version == version && t.lockTime == lockTime
                && t.inputs.equals(inputs) && t.outputs.equals(outputs);
    }

    @Override
    public int hashCode() {
        return txid.hashCode();
    }

    @Override
    public String toString() {
        return "Transaction{txid=" + txid + ", inputs=" + inputs.size() + ", outputs=" + outputs.size()
                + ", size=" + size + "}";
    }
}
