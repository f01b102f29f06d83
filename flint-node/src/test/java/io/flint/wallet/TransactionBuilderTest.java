package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.Amount;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptError;
import io.flint.core.script.ScriptFlag;
import io.flint.core.script.ScriptInterpreter;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionBuilderTest {
    private static final WalletTip TIP = new WalletTip(100, 10);

    static List<Secp256k1> engines() {
        return Engines.available();
    }

    /** Five keys of a BIP32 tree, with P2PKH outputs paying to them. */
    private static final class Keys implements TransactionBuilder.KeyLookup {
        final List<PrivateKey> keys = new ArrayList<>();
        final Map<String, PrivateKey> byHash = new HashMap<>();
        final Secp256k1 engine;

        Keys(Secp256k1 engine) {
            this.engine = engine;
            HdKeyDerivation hd = new HdKeyDerivation(engine);
            ExtendedKey root = hd.master(Hex.decode("000102030405060708090a0b0c0d0e0f"));
            for (int i = 0; i < 5; i++) {
                PrivateKey key = PrivateKey.of(hd.deriveChild(root, ChildNumber.normal(i)).secret(), true);
                keys.add(key);
                byHash.put(Hex.encode(key.publicKey(engine).hash160()), key);
            }
        }

        Script script(int i) {
            return StandardScripts.p2pkh(keys.get(i).publicKey(engine).hash160());
        }

        Address address(int i) {
            return Address.p2pkh(keys.get(i).publicKey(engine).hash160(), AddressVersion.MAIN);
        }

        @Override
        public Optional<PrivateKey> keyFor(byte[] pubKeyHash) {
            return Optional.ofNullable(byHash.get(Hex.encode(pubKeyHash)));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void signedPaymentVerifiesWithTheScriptInterpreter(Secp256k1 engine) {
        Keys keys = new Keys(engine);
        List<Utxo> coins = List.of(
                new Utxo(Coins.outPoint(1), Amount.ofUnits(40_000), keys.script(0), 5, false),
                new Utxo(Coins.outPoint(2), Amount.ofUnits(35_000), keys.script(1), 6, false),
                new Utxo(Coins.outPoint(3), Amount.ofUnits(10_000), keys.script(2), 7, false));
        Address recipient = Address.p2pkh(new byte[20], AddressVersion.MAIN);
        CoinSelection.Selection selection = CoinSelection.select(coins, Amount.ofUnits(60_000), new FeeRate(2), TIP);
        assertThat(selection.inputs()).hasSize(2);

        Transaction tx = new TransactionBuilder(engine).buildSigned(selection, recipient, keys.address(4), keys);

        for (int i = 0; i < tx.inputs().size(); i++) {
            assertThat(ScriptInterpreter.verifyInput(tx, i, selection.inputs().get(i).scriptPubKey(), ScriptFlag.STANDARD, engine).isOk())
                    .as("input %d", i).isTrue();
            assertThat(tx.input(i).prevout()).isEqualTo(selection.inputs().get(i).outPoint());
        }
        assertThat(tx.outputs()).containsExactly(
                new TxOut(Amount.ofUnits(60_000), StandardScripts.p2pkh(recipient.hash160())),
                new TxOut(selection.change(), keys.script(4)));
        long in = selection.inputTotal().units();
        long out = tx.outputs().stream().mapToLong(TxOut::value).sum();
        assertThat(in - out).isEqualTo(selection.fee().units()).isEqualTo(2L * TransactionSizeEstimate.p2pkh(2, 2));
        assertThat(tx.size()).isLessThanOrEqualTo(selection.estimatedSize()).isGreaterThan(selection.estimatedSize() - 2 * 2);
        assertThat(Transaction.parse(tx.serialize())).isEqualTo(tx);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anOutputChangedAfterSigningNoLongerVerifies(Secp256k1 engine) {
        Keys keys = new Keys(engine);
        Utxo coin = new Utxo(Coins.outPoint(1), Amount.ofUnits(100_000), keys.script(0), 5, false);
        CoinSelection.Selection selection = CoinSelection.select(List.of(coin), Amount.ofUnits(50_000), FeeRate.DEFAULT, TIP);
        Transaction tx = new TransactionBuilder(engine).buildSigned(selection, keys.address(3), keys.address(4), keys);

        List<TxOut> stolen = new ArrayList<>(tx.outputs());
        stolen.set(0, new TxOut(Amount.ofUnits(50_000), keys.script(2)));
        Transaction altered = new Transaction(tx.version(), tx.inputs(), stolen, tx.lockTime());
        assertThat(ScriptInterpreter.verifyInput(altered, 0, coin.scriptPubKey(), ScriptFlag.STANDARD, engine).error())
                .isNotEqualTo(ScriptError.OK);
        // and spending it against a script paying another key fails too
        assertThat(ScriptInterpreter.verifyInput(tx, 0, keys.script(1), ScriptFlag.STANDARD, engine).isOk()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void withoutChangeThereIsOneOutputAndNoChangeAddressIsNeeded(Secp256k1 engine) {
        Keys keys = new Keys(engine);
        Utxo coin = new Utxo(Coins.outPoint(1), Amount.ofUnits(50_000 + 192 + 100), keys.script(0), 5, false);
        CoinSelection.Selection selection = CoinSelection.select(List.of(coin), Amount.ofUnits(50_000), FeeRate.DEFAULT, TIP);
        Transaction tx = new TransactionBuilder(engine).buildSigned(selection, keys.address(3), null, keys);
        assertThat(tx.outputs()).hasSize(1);
        assertThat(coin.value().units() - tx.output(0).value()).isEqualTo(292);
        assertThat(ScriptInterpreter.verifyInput(tx, 0, coin.scriptPubKey(), ScriptFlag.STANDARD, engine).isOk()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void inputsWithoutAKnownKeyOrNotP2pkhAreRefused(Secp256k1 engine) {
        Keys keys = new Keys(engine);
        TransactionBuilder builder = new TransactionBuilder(engine);
        Utxo foreign = new Utxo(Coins.outPoint(1), Amount.ofUnits(100_000), Coins.p2pkh(7), 5, false);
        CoinSelection.Selection s1 = CoinSelection.select(List.of(foreign), Amount.ofUnits(50_000), FeeRate.DEFAULT, TIP);
        assertThatThrownBy(() -> builder.buildSigned(s1, keys.address(3), keys.address(4), keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 0 pays to key hash").hasMessageContaining("not one of this wallet's keys");

        Utxo p2pk = new Utxo(Coins.outPoint(2), Amount.ofUnits(100_000),
                StandardScripts.p2pk(keys.keys.get(0).publicKey(engine).bytes()), 5, false);
        CoinSelection.Selection s2 = CoinSelection.select(List.of(p2pk), Amount.ofUnits(50_000), FeeRate.DEFAULT, TIP);
        assertThatThrownBy(() -> builder.buildSigned(s2, keys.address(3), keys.address(4), keys))
                .hasMessageContaining("input 0 spends a script that is not P2PKH");

        CoinSelection.Selection s3 = CoinSelection.select(
                List.of(new Utxo(Coins.outPoint(3), Amount.ofUnits(100_000), keys.script(0), 5, false)),
                Amount.ofUnits(50_000), FeeRate.DEFAULT, TIP);
        assertThatThrownBy(() -> builder.buildSigned(s3, keys.address(3), null, keys))
                .hasMessageContaining("no change address was given");
    }
}
