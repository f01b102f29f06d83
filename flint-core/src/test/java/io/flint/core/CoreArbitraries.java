package io.flint.core;

import io.flint.core.script.Script;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of arbitrary (not necessarily valid) transactions and blocks for properties. */
final class CoreArbitraries {
    private CoreArbitraries() {}

    static Arbitrary<Hash> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Hash.LENGTH).map(Hash::of);
    }

    static Arbitrary<Long> uint32() {
        return Arbitraries.longs().between(0, 0xffff_ffffL);
    }

    static Arbitrary<Script> scripts() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300).map(Script::of);
    }

    static Arbitrary<TxIn> inputs() {
        Arbitrary<OutPoint> prevouts = Combinators.combine(hashes(), uint32()).as(OutPoint::new);
        return Combinators.combine(prevouts, scripts(), uint32()).as(TxIn::new);
    }

    static Arbitrary<TxOut> outputs() {
        return Combinators.combine(Arbitraries.longs(), scripts()).as(TxOut::new);
    }

    static Arbitrary<Transaction> transactions() {
        return Combinators.combine(Arbitraries.integers(), inputs().list().ofMaxSize(4),
                outputs().list().ofMaxSize(4), uint32()).as(Transaction::new);
    }

    static Arbitrary<BlockHeader> headers() {
        return Combinators.combine(Arbitraries.integers(), uint32(), hashes(), hashes(), uint32(), uint32(), uint32())
                .as(BlockHeader::new);
    }

    static Arbitrary<Block> blocks() {
        return Combinators.combine(headers(), transactions().list().ofMaxSize(3)).as(Block::new);
    }
}
