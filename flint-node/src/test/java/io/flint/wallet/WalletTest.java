package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.script.ScriptFlag;
import io.flint.core.script.ScriptInterpreter;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Secp256k1;
import io.flint.crypto.Secp256k1Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletTest {
    private static final java.time.Instant AT = java.time.Instant.parse("2026-11-23T12:00:00Z");
    private static final String ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    /**
     * BIP44 account m/44'/0'/0' of the "abandon ... about" phrase without passphrase and its first
     * two receive addresses: the widely published BIP44 example values.
     */
    private static final String ACCOUNT_XPUB =
            "xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj";
    private static final String RECEIVE_0 = "1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA";
    private static final String RECEIVE_1 = "1Ak8PffB2meyfYnbXZR9EGfLfFZVpzJvQP";
    private static final char[] PASSWORD = "pw".toCharArray();
    private static final NetworkParams NETWORK = NetworkParams.REGTEST;

    @TempDir
    Path dir;

    private final Secp256k1 engine = Secp256k1Engines.java();
    private final HdKeyDerivation hd = new HdKeyDerivation(engine);
    private final TransactionBuilder builder = new TransactionBuilder(engine);

    @Test
    void receiveAddressesFollowBip44AndNeedNoPassword() {
        Wallet created = create("w.json", ABANDON);
        assertThat(created.accountXpub()).isEqualTo(ACCOUNT_XPUB);
        assertThat(created.issuedAddresses()).isEmpty();

        Wallet wallet = open("w.json");
        assertThat(wallet.newReceiveAddress().toString()).isEqualTo(RECEIVE_0);
        assertThat(wallet.newReceiveAddress().toString()).isEqualTo(RECEIVE_1);

        Wallet reopened = open("w.json");
        assertThat(reopened.issuedAddresses()).containsExactly(
                new IssuedAddress(AddressChain.RECEIVE, 0, RECEIVE_0), new IssuedAddress(AddressChain.RECEIVE, 1, RECEIVE_1));
        assertThat(Wallet.pathOf(reopened.issuedAddresses().get(1)).toString()).isEqualTo("m/44'/0'/0'/0/1");
        assertThat(reopened.isOurs(Address.parse(RECEIVE_1))).isTrue();
        assertThat(reopened.isOurs(StandardScripts.p2pkh(Address.parse(RECEIVE_0).hash160()))).isTrue();
        assertThat(reopened.isOurs(Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"))).isFalse();
    }

    @Test
    void balanceSplitsOurOutputsBySpendability() {
        Wallet wallet = create("w.json", ABANDON);
        Address a = wallet.newReceiveAddress();
        List<Utxo> utxos = List.of(
                utxo(1, a, 70_000, 50, false),
                utxo(2, a, 5 * Amount.UNITS_PER_COIN, 95, true),             // coinbase, 6 confirmations at tip 100
                utxo(3, a, 20_000, Utxo.UNCONFIRMED, false),
                new Utxo(Coins.outPoint(4), Amount.ONE_COIN, Coins.p2pkh(4), 10, false)); // not ours
        Balance balance = wallet.balance(utxos, new WalletTip(100, NETWORK.coinbaseMaturity()));
        assertThat(balance).isEqualTo(new Balance(Amount.ofUnits(70_000), Amount.ofUnits(5 * Amount.UNITS_PER_COIN), Amount.ofUnits(20_000)));
        assertThat(wallet.ours(utxos)).hasSize(3);
    }

    @Test
    void sendSignsWithTheRightKeysAndRecordsTheChangeAddress() {
        Wallet wallet = create("w.json", ABANDON);
        Address a0 = wallet.newReceiveAddress();
        Address a1 = wallet.newReceiveAddress();
        List<Utxo> utxos = List.of(utxo(1, a0, 30_000, 10, false), utxo(2, a1, 45_000, 11, false),
                utxo(3, a1, 3 * Amount.UNITS_PER_COIN, 99, true)); // immature: must not be spent
        Address recipient = Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");

        SignedPayment payment = wallet.send(PASSWORD, recipient, Amount.ofUnits(70_000), new FeeRate(1), utxos,
                new WalletTip(100, NETWORK.coinbaseMaturity()), AT);

        Transaction tx = payment.transaction();
        assertThat(payment.selection().inputs()).extracting(Utxo::outPoint).containsExactly(Coins.outPoint(2), Coins.outPoint(1));
        for (int i = 0; i < tx.inputs().size(); i++) {
            assertThat(ScriptInterpreter.verifyInput(tx, i, payment.selection().inputs().get(i).scriptPubKey(), ScriptFlag.STANDARD, engine)
                    .isOk()).isTrue();
        }
        Address change = payment.changeAddress().orElseThrow();
        assertThat(tx.outputs()).containsExactly(
                new TxOut(Amount.ofUnits(70_000), StandardScripts.p2pkh(recipient.hash160())),
                new TxOut(Amount.ofUnits(75_000 - 70_000 - 374), StandardScripts.p2pkh(change.hash160())));

        Wallet reopened = open("w.json");
        assertThat(reopened.issuedAddresses(AddressChain.CHANGE)).containsExactly(new IssuedAddress(AddressChain.CHANGE, 0, change.toString()));
        assertThat(Wallet.pathOf(reopened.issuedAddresses(AddressChain.CHANGE).get(0)).toString()).isEqualTo("m/44'/0'/0'/1/0");
        assertThat(reopened.isOurs(change)).isTrue();
    }

    @Test
    void sendWithAWrongPasswordFailsAndIssuesNothing() throws IOException {
        Wallet wallet = create("w.json", ABANDON);
        Address a0 = wallet.newReceiveAddress();
        byte[] before = Files.readAllBytes(dir.resolve("w.json"));
        assertThatThrownBy(() -> wallet.send("nope".toCharArray(), Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
                Amount.ofUnits(10_000), FeeRate.DEFAULT, List.of(utxo(1, a0, 30_000, 10, false)), new WalletTip(100, 10), AT))
                .isInstanceOf(WrongPasswordException.class);
        assertThat(Files.readAllBytes(dir.resolve("w.json"))).isEqualTo(before);
    }

    @Test
    void sendExplainsInsufficientFundsBeforeAskingForKeys() {
        Wallet wallet = create("w.json", ABANDON);
        Address a0 = wallet.newReceiveAddress();
        assertThatThrownBy(() -> wallet.send(PASSWORD, Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
                Amount.ONE_COIN, FeeRate.DEFAULT, List.of(utxo(1, a0, 30_000, 10, false)), new WalletTip(100, 10), AT))
                .isInstanceOf(InsufficientFundsException.class)
                .hasMessage("insufficient funds: have 0.0003, need 1.00000192 (amount 1 + fee 0.00000192, the least fee: every spendable coin in, no change out)");
    }

    @Test
    void recipientsOfAnotherNetworkAreRefused() {
        Wallet wallet = create("w.json", ABANDON);
        Address testnet = Address.p2pkh(new byte[20], AddressVersion.TEST);
        assertThatThrownBy(() -> wallet.send(PASSWORD, testnet, Amount.ONE_COIN, FeeRate.DEFAULT, List.of(), new WalletTip(1, 10), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is for the test network");
    }

    @Test
    void aKeystoreOfAnotherNetworkOrWithAlteredAddressesIsRefused() throws IOException {
        Wallet wallet = create("w.json", ABANDON);
        wallet.newReceiveAddress();
        Keystore keystore = keystore("w.json");
        assertThatThrownBy(() -> Wallet.open(keystore, hd, builder, NetworkParams.DEMO))
                .isInstanceOf(KeystoreException.class)
                .hasMessageContaining("is for network 'regtest', not 'demo'");

        Path file = dir.resolve("w.json");
        Files.writeString(file, Files.readString(file).replace(RECEIVE_0, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
        assertThatThrownBy(() -> open("w.json"))
                .isInstanceOf(KeystoreException.class)
                .hasMessageContaining("was altered: receive address 0 is recorded as 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
                .hasMessageContaining(RECEIVE_0);
    }

    @Test
    void aPassphraseGivesADifferentWallet() {
        Keystore keystore = keystore("p.json");
        Wallet wallet = Wallet.create(keystore, hd, builder, NETWORK, new WalletSecret(Mnemonic.parse(ABANDON), "TREZOR"),
                PASSWORD, KeystoreTest.TEST_COST, Keystore.IfExists.REFUSE);
        assertThat(wallet.accountXpub()).isNotEqualTo(ACCOUNT_XPUB);
        assertThat(wallet.newReceiveAddress().toString()).isNotEqualTo(RECEIVE_0);
        assertThat(keystore.unlock(PASSWORD).passphrase()).isEqualTo("TREZOR");
    }

    @Test
    void aGeneratedPhraseRoundTripsThroughTheKeystore() {
        Mnemonic generated = Mnemonic.generate(new SecureRandom());
        Wallet wallet = create("g.json", generated.phrase());
        assertThat(keystore("g.json").unlock(PASSWORD).mnemonic()).isEqualTo(generated);
        assertThat(wallet.toString()).doesNotContain(generated.words().get(0) + " " + generated.words().get(1));
    }

    @Test
    void discoveryRecordsEveryAddressUpToTheHighestUsedOfEachChainAndStopsAfterTheGap() {
        Wallet original = create("original.json", ABANDON);
        List<String> receive = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            receive.add(original.newReceiveAddress().toString());
        }
        SignedPayment p = original.send(PASSWORD, Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), Amount.ofUnits(10_000),
                FeeRate.DEFAULT, List.of(utxo(1, Address.parse(receive.get(0)), 50_000, 10, false)), new WalletTip(100, 10), AT);
        // used on the chain: receive 0 and 3 (1 and 2 were handed out but never paid), change 0
        java.util.Set<String> used = java.util.Set.of(receive.get(0), receive.get(3), p.changeAddress().orElseThrow().toString());
        java.util.List<String> asked = new java.util.ArrayList<>();

        Wallet restored = create("restored.json", ABANDON);
        assertThat(restored.needsDiscovery()).isTrue();
        Discovery found = restored.discover(a -> {
            asked.add(a);
            return used.contains(a);
        }, 5);

        assertThat(found).isEqualTo(new Discovery(3, 0, (3 + 1 + 5) + (0 + 1 + 5)));
        assertThat(asked).doesNotHaveDuplicates().hasSize(found.lookups());
        Wallet reopened = open("restored.json");
        assertThat(reopened.needsDiscovery()).isFalse();
        assertThat(reopened.issuedAddresses(AddressChain.RECEIVE)).extracting(IssuedAddress::address).containsExactlyElementsOf(receive);
        assertThat(reopened.issuedAddresses(AddressChain.CHANGE)).extracting(IssuedAddress::address)
                .containsExactly(p.changeAddress().orElseThrow().toString());
        assertThat(reopened.newReceiveAddress().toString()).isNotIn(receive).isEqualTo(original.newReceiveAddress().toString());
    }

    @Test
    void aFreshlyGeneratedWalletHasNothingToDiscover() {
        Wallet fresh = Wallet.create(keystore("fresh.json"), hd, builder, NETWORK,
                new WalletSecret(Mnemonic.generate(new SecureRandom()), ""), PASSWORD, KeystoreTest.TEST_COST, Keystore.IfExists.REFUSE,
                false);
        assertThat(fresh.needsDiscovery()).isFalse();
        assertThat(open("fresh.json").needsDiscovery()).isFalse();
    }

    @Test
    void aPreparedPaymentTakesItsChangeIndexOnlyWhenRecorded() {
        Wallet wallet = create("w.json", ABANDON);
        Address a0 = wallet.newReceiveAddress();
        List<Utxo> utxos = List.of(utxo(1, a0, 50_000, 10, false));
        Address to = Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");

        SignedPayment refused = wallet.prepareSend(PASSWORD, to, Amount.ofUnits(10_000), FeeRate.DEFAULT, utxos, new WalletTip(100, 10));
        assertThat(open("w.json").issuedAddresses(AddressChain.CHANGE)).isEmpty();
        SignedPayment again = wallet.prepareSend(PASSWORD, to, Amount.ofUnits(20_000), FeeRate.DEFAULT, utxos, new WalletTip(100, 10));
        assertThat(again.changeAddress()).isEqualTo(refused.changeAddress());

        wallet.recordSent(again, AT);
        assertThat(open("w.json").issuedAddresses(AddressChain.CHANGE)).extracting(IssuedAddress::address)
                .containsExactly(again.changeAddress().orElseThrow().toString());
        assertThatThrownBy(() -> wallet.recordSent(refused, AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not this wallet's next change address");
        // only what was broadcast is among the payments sent, in the file
        assertThat(open("w.json").sentPayments()).containsExactly(new SentPayment(again.transaction().txid().toString(),
                to.toString(), 20_000, AT.getEpochSecond()));
    }

    @Test
    void theLatestTwoHundredPaymentsSentAreKept() {
        KeystorePublicState state = KeystorePublicState.EMPTY;
        for (int i = 0; i < KeystorePublicState.SENT_KEPT + 5; i++) {
            state = state.withSent(new SentPayment("tx" + i, "to", i, i));
        }
        assertThat(state.sent()).hasSize(KeystorePublicState.SENT_KEPT);
        assertThat(state.sent().get(0).txid()).isEqualTo("tx5");
        assertThat(state.withSent(new SentPayment("tx7", "to", 7, 9)).sent()).filteredOn(p -> p.txid().equals("tx7"))
                .singleElement().extracting(SentPayment::at).isEqualTo(9L);
    }

    @Test
    void aSecondLockOnTheSameWalletIsRefusedUntilTheFirstIsReleased() {
        Path file = dir.resolve("w.json");
        try (KeystoreLock first = KeystoreLock.acquire(file)) {
            assertThatThrownBy(() -> KeystoreLock.acquire(file)).isInstanceOf(WalletInUseException.class)
                    .hasMessage("the wallet " + file + " is in use by another flint command; try again when it has finished");
        }
        KeystoreLock.acquire(file).close();
    }

    private Utxo utxo(int n, Address to, long units, long height, boolean coinbase) {
        return new Utxo(Coins.outPoint(n), Amount.ofUnits(units), StandardScripts.p2pkh(to.hash160()), height, coinbase);
    }

    private Wallet create(String name, String phrase) {
        return Wallet.create(keystore(name), hd, builder, NETWORK, new WalletSecret(Mnemonic.parse(phrase), ""), PASSWORD,
                KeystoreTest.TEST_COST, Keystore.IfExists.REFUSE);
    }

    private Wallet open(String name) {
        return Wallet.open(keystore(name), hd, builder, NETWORK);
    }

    private Keystore keystore(String name) {
        return new Keystore(dir.resolve(name), new KeystoreCipher(new SecureRandom()));
    }
}
