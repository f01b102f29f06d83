package io.flint.sim;

import io.flint.chain.AddressUtxo;
import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.crypto.Address;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import io.flint.wallet.CoinSelection;
import io.flint.wallet.FeeRate;
import io.flint.wallet.InsufficientFundsException;
import io.flint.wallet.TransactionBuilder;
import io.flint.wallet.Utxo;
import io.flint.wallet.WalletTip;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes the payments of {@code --tx-rate} with the real wallet code: a key of the simulation's
 * wallet that has confirmed, mature coins on the chosen node's chain (and not already spent in
 * its pool) pays a random amount to another key, coin selection and signing as {@code flint
 * wallet send} does. The wallet holds every node's key: the miners' rewards pay into it.
 */
final class Payments {
    private static final long MIN_UNITS = 1_000_000;       // 0.01 coin
    private static final long MAX_UNITS = 100_000_000;     // 1 coin
    /** Twice the pools' minimum relay fee rate, so a payment is never refused for its fee. */
    private static final FeeRate FEE_RATE = new FeeRate(2);

    private final NetworkParams params;
    /** A key of the wallet with what is derived from it once (deriving a public key is not free). */
    private record WalletKey(PrivateKey key, byte[] hash160, Address address) {}

    private final List<WalletKey> keys;
    private final Map<String, PrivateKey> byHash = new HashMap<>();
    private final TransactionBuilder builder;
    private final SplittableRandom random;

    Payments(NetworkParams params, List<PrivateKey> keys, Secp256k1 engine, SplittableRandom random) {
        this.params = params;
        this.builder = new TransactionBuilder(engine);
        this.random = random;
        this.keys = keys.stream().map(k -> {
            var pub = k.publicKey(engine);
            return new WalletKey(k, pub.hash160(), Address.of(pub, params.addressVersion()));
        }).toList();
        for (WalletKey k : this.keys) {
            byHash.put(Hex.encode(k.hash160()), k.key());
        }
    }

    /** A signed payment spendable on {@code node}'s chain, or empty when no key has coins there. */
    Optional<Transaction> next(SimulatedNode node) {
        WalletTip tip = new WalletTip(node.chain.height(), params.coinbaseMaturity());
        Amount amount = Amount.ofUnits(MIN_UNITS + random.nextLong(MAX_UNITS - MIN_UNITS));
        int first = random.nextInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            WalletKey payer = keys.get((first + i) % keys.size());
            List<Utxo> coins = node.chain.addressUtxos(payer.hash160()).stream()
                    .filter(u -> node.pool.spenderOf(u.outPoint()).isEmpty())
                    .map(Payments::utxo)
                    .toList();
            if (coins.isEmpty()) {
                continue;
            }
            CoinSelection.Selection selection;
            try {
                selection = CoinSelection.select(coins, amount, FEE_RATE, tip);
            } catch (InsufficientFundsException e) {
                continue;
            }
            Address to = keys.get(random.nextInt(keys.size())).address();
            return Optional.of(builder.buildSigned(selection, to, payer.address(),
                    hash -> Optional.ofNullable(byHash.get(Hex.encode(hash)))));
        }
        return Optional.empty();
    }

    private static Utxo utxo(AddressUtxo u) {
        return new Utxo(u.outPoint(), Amount.ofUnits(u.coin().output().value()), u.coin().output().scriptPubKey(),
                u.coin().height(), u.coin().coinbase());
    }
}
