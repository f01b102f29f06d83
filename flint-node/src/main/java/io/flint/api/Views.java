package io.flint.api;

import io.flint.api.view.BlockSummaryView;
import io.flint.api.view.TxInputView;
import io.flint.api.view.TxOutputView;
import io.flint.api.view.TxView;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.ProofOfWork;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import java.util.ArrayList;
import java.util.List;

/** Blocks and transactions as the API shows them. */
final class Views {
    private Views() {}

    static BlockSummaryView summary(Block block, AddressVersion version) {
        BlockHeader h = block.header();
        String miner = block.transactions().isEmpty() || block.transactions().get(0).outputs().isEmpty() ? ""
                : address(block.transactions().get(0).output(0).scriptPubKey(), version);
        return new BlockSummaryView(h.height(), block.hash().toString(), h.prevHash().toString(),
                h.merkleRoot().toString(), h.timestamp(), h.bits(), ProofOfWork.difficultyBits(h.bits()), h.nonce(),
                block.transactions().size(), block.size(), miner);
    }

    static TxView tx(Transaction tx, AddressVersion version) {
        List<TxInputView> inputs = new ArrayList<>(tx.inputs().size());
        for (TxIn in : tx.inputs()) {
            inputs.add(new TxInputView(in.prevout().txid().toString(), in.prevout().index(), in.scriptSig().toHex(),
                    in.sequence()));
        }
        List<TxOutputView> outputs = new ArrayList<>(tx.outputs().size());
        long total = 0;
        for (int n = 0; n < tx.outputs().size(); n++) {
            TxOut out = tx.output(n);
            total = saturatingAdd(total, out.value());
            outputs.add(new TxOutputView(n, coins(out.value()), out.value(), address(out.scriptPubKey(), version),
                    out.scriptPubKey().toHex(), StandardScripts.typeName(out.scriptPubKey())));
        }
        return new TxView(tx.txid().toString(), tx.version(), tx.lockTime(), tx.size(), tx.isCoinbase(), inputs, outputs,
                coins(total));
    }

    /** A value in coins; a value outside the money range (a pooled transaction cannot have one) is shown in units. */
    static String coins(long units) {
        return Amount.inMoneyRange(units) ? Amount.ofUnits(units).toCoinString() : units + " units (out of range)";
    }

    /** A possibly negative difference in coins ("-1.5"). */
    static String signedCoins(long units) {
        return units < 0 ? "-" + coins(-units) : coins(units);
    }

    static String address(Script script, AddressVersion version) {
        return StandardScripts.p2pkhHash(script).map(h -> Address.p2pkh(h, version).toString()).orElse("");
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
