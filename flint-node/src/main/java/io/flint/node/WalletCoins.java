package io.flint.node;

import io.flint.chain.AddressUtxo;
import io.flint.chain.ChainState;
import io.flint.core.OutPoint;
import io.flint.core.TxOut;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.mempool.Mempool;
import io.flint.mempool.MempoolEntry;
import io.flint.wallet.Utxo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outputs some addresses can spend, as the node sees them: confirmed ones from the chain's
 * address index, minus those a pooled transaction already spends, plus unconfirmed outputs of
 * pooled transactions. The HTTP API and the node's own wallet both ask this.
 */
public final class WalletCoins {
    private final ChainState chain;
    private final Mempool mempool;

    public WalletCoins(ChainState chain, Mempool mempool) {
        this.chain = chain;
        this.mempool = mempool;
    }

    /** Confirmed and unconfirmed unspent outputs paying any of {@code addresses}. */
    public List<Utxo> of(Collection<Address> addresses) {
        List<Utxo> out = new ArrayList<>();
        Set<OutPoint> seen = new HashSet<>();
        for (Address address : addresses) {
            for (AddressUtxo u : chain.addressUtxos(address.hash160())) {
                if (mempool.spenderOf(u.outPoint()).isEmpty() && seen.add(u.outPoint())) {
                    TxOut o = u.coin().output();
                    out.add(new Utxo(u.outPoint(), o.amount(), o.scriptPubKey(), u.coin().height(), u.coin().coinbase()));
                }
            }
        }
        for (MempoolEntry e : mempool.entries()) {
            for (int i = 0; i < e.tx().outputs().size(); i++) {
                TxOut o = e.tx().output(i);
                OutPoint op = new OutPoint(e.txid(), i);
                if (paysAny(o, addresses) && mempool.spenderOf(op).isEmpty() && seen.add(op)) {
                    out.add(new Utxo(op, o.amount(), o.scriptPubKey(), Utxo.UNCONFIRMED, false));
                }
            }
        }
        return out;
    }

    private static boolean paysAny(TxOut out, Collection<Address> addresses) {
        byte[] hash = StandardScripts.p2pkhHash(out.scriptPubKey()).orElse(null);
        if (hash == null) {
            return false;
        }
        for (Address a : addresses) {
            if (Arrays.equals(a.hash160(), hash)) {
                return true;
            }
        }
        return false;
    }
}
