package io.flint.wallet;

import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wallet: a keystore, the BIP44 account {@code m/44'/0'/0'} of its seed, and the
 * spending logic. Receive addresses are {@code m/44'/0'/0'/0/i}, change addresses
 * {@code m/44'/0'/0'/1/i}. Everything public (issuing addresses, recognising our outputs,
 * balances) works from the account's extended public key without the password; only
 * {@link #send} unlocks the secret. No network I/O: outputs come from the caller, who asks a
 * node for them.
 */
public final class Wallet {
    /** BIP44 purpose 44', coin type 0', account 0'. */
    public static final DerivationPath ACCOUNT_PATH = DerivationPath.parse("m/44'/0'/0'");
    /** BIP44's gap limit: discovery stops after this many unused addresses in a row on a chain. */
    public static final int GAP_LIMIT = 20;

    private final Keystore keystore;
    private final HdKeyDerivation hd;
    private final NetworkParams network;
    private final TransactionBuilder builder;
    private final ExtendedKey account;
    private KeystorePublicState state;

    private Wallet(Keystore keystore, HdKeyDerivation hd, NetworkParams network, TransactionBuilder builder,
                   ExtendedKey account, KeystorePublicState state) {
        this.keystore = keystore;
        this.hd = hd;
        this.network = network;
        this.builder = builder;
        this.account = account;
        this.state = state;
    }

    /**
     * Writes a new keystore for {@code secret} (a freshly generated or a restored phrase) and
     * opens it.
     */
    public static Wallet create(Keystore keystore, HdKeyDerivation hd, TransactionBuilder builder, NetworkParams network,
                                WalletSecret secret, char[] password, ScryptParams cost, Keystore.IfExists ifExists) {
        return create(keystore, hd, builder, network, secret, password, cost, ifExists, true);
    }

    /**
     * As {@link #create(Keystore, HdKeyDerivation, TransactionBuilder, NetworkParams, WalletSecret, char[],
     * ScryptParams, Keystore.IfExists)}; {@code restored} false says the phrase was just generated, so
     * no address of it can have been used and {@link #discover} has nothing to find.
     */
    public static Wallet create(Keystore keystore, HdKeyDerivation hd, TransactionBuilder builder, NetworkParams network,
                                WalletSecret secret, char[] password, ScryptParams cost, Keystore.IfExists ifExists,
                                boolean restored) {
        String accountXpub = accountKey(hd, secret).neuter().toXpub();
        keystore.create(secret, password, cost, network.name(), accountXpub, ifExists);
        if (!restored) {
            keystore.updatePublicState(KeystorePublicState.EMPTY.withDiscovered());
        }
        return open(keystore, hd, builder, network);
    }

    /**
     * Opens an existing keystore without its password, checking that it belongs to {@code network}
     * and that its recorded addresses are the ones its account key gives.
     *
     * @throws KeystoreException if the file is missing, invalid, for another network or altered
     */
    public static Wallet open(Keystore keystore, HdKeyDerivation hd, TransactionBuilder builder, NetworkParams network) {
        KeystoreDocument document = keystore.read();
        if (!document.header().network().equals(network.name())) {
            throw new KeystoreException("keystore " + keystore.file() + " is for network '" + document.header().network()
                    + "', not '" + network.name() + "'");
        }
        ExtendedKey account;
        try {
            account = hd.parse(document.header().accountXpub());
        } catch (InvalidExtendedKeyException e) {
            throw new KeystoreException("keystore " + keystore.file() + " has an invalid account_xpub: " + e.getMessage());
        }
        if (account.hasPrivateKey() || account.depth() != ACCOUNT_PATH.depth()) {
            throw new KeystoreException("keystore " + keystore.file() + " has an account_xpub that is not a depth-3 public key");
        }
        Wallet wallet = new Wallet(keystore, hd, network, builder, account, document.publicState());
        wallet.checkIssuedAddresses();
        return wallet;
    }

    public NetworkParams network() {
        return network;
    }

    /** The account's extended public key: enough to watch every address of this wallet. */
    public String accountXpub() {
        return account.toXpub();
    }

    /** Every address handed out so far, receive and change, in issue order. */
    public List<IssuedAddress> issuedAddresses() {
        return state.addresses();
    }

    /** True until {@link #discover} has looked up which of this wallet's addresses were used. */
    public boolean needsDiscovery() {
        return !state.discovered();
    }

    /**
     * BIP44 account discovery: derives the receive and then the change addresses in turn, asking
     * {@code usage} about each, until {@code gapLimit} unused ones in a row; records every address
     * up to each chain's highest used one, so balances and spending cover them, and moves the
     * next indexes past them, so no used address is handed out again. Asks about
     * (highest used + 1 + gapLimit) addresses per chain. Writes the keystore once, marked discovered.
     */
    public Discovery discover(AddressUsage usage, int gapLimit) {
        KeystorePublicState next = state;
        int lookups = 0;
        int[] highest = new int[AddressChain.values().length];
        for (AddressChain chain : AddressChain.values()) {
            Scan scan = scan(chain, 0, usage, gapLimit);
            for (IssuedAddress a : scan.used()) {
                next = next.withIssued(a);
            }
            lookups += scan.lookups();
            highest[chain.ordinal()] = scan.used().isEmpty() ? -1 : scan.used().get(scan.used().size() - 1).index();
        }
        state = keystore.updatePublicState(next.withDiscovered()).publicState();
        return new Discovery(highest[AddressChain.RECEIVE.ordinal()], highest[AddressChain.CHANGE.ordinal()], lookups);
    }

    /**
     * The addresses past each chain's next index, up to the highest one used within
     * {@code gapLimit} unused in a row (as an HD wallet keeps watching the next 20): another copy
     * of this wallet, restored from the same words, issued them (a payment's change, a receive
     * address it handed out). Writes nothing; {@link #record} keeps what this finds.
     */
    public List<IssuedAddress> usedAhead(AddressUsage usage, int gapLimit) {
        List<IssuedAddress> found = new ArrayList<>();
        for (AddressChain chain : AddressChain.values()) {
            found.addAll(scan(chain, state.nextIndex(chain), usage, gapLimit).used());
        }
        return found;
    }

    /** Records {@code found} (from {@link #usedAhead}) in the keystore, the next indexes moved past them. */
    public void record(List<IssuedAddress> found) {
        KeystorePublicState next = state;
        for (IssuedAddress a : found) {
            next = next.withIssued(a);
        }
        if (!next.equals(state)) {
            state = keystore.updatePublicState(next).publicState();
        }
    }

    /** The addresses of {@code chain} from index {@code from} up to the highest one used, and how many were asked about. */
    private record Scan(List<IssuedAddress> used, int lookups) {
    }

    private Scan scan(AddressChain chain, int from, AddressUsage usage, int gapLimit) {
        if (gapLimit < 1) {
            throw new IllegalArgumentException("gap limit must be at least 1, got " + gapLimit);
        }
        List<IssuedAddress> asked = new ArrayList<>();
        int usedCount = 0;
        int unusedInARow = 0;
        for (int index = from; unusedInARow < gapLimit; index++) {
            IssuedAddress candidate;
            try {
                candidate = new IssuedAddress(chain, index, address(derive(account, chain, index)));
            } catch (InvalidChildKeyException e) {
                continue; // BIP32: no address at this index; it neither counts as used nor as a gap
            }
            asked.add(candidate);
            if (usage.hasHistory(candidate.address())) {
                usedCount = asked.size();
                unusedInARow = 0;
            } else {
                unusedInARow++;
            }
        }
        return new Scan(List.copyOf(asked.subList(0, usedCount)), asked.size());
    }

    /** Issues the next receive address and records it in the keystore (no password needed). */
    public Address newReceiveAddress() {
        return Address.parse(issue(AddressChain.RECEIVE).address());
    }

    /** The path of an issued address, e.g. m/44'/0'/0'/0/7. */
    public static DerivationPath pathOf(IssuedAddress issued) {
        return ACCOUNT_PATH.child(issued.chain().childNumber()).child(ChildNumber.normal(issued.index()));
    }

    /** True when the address is one this wallet issued. */
    public boolean isOurs(Address address) {
        String text = address.toString();
        return state.addresses().stream().anyMatch(a -> a.address().equals(text));
    }

    /** True when the script pays to one of this wallet's issued addresses. */
    public boolean isOurs(Script scriptPubKey) {
        return StandardScripts.p2pkhHash(scriptPubKey)
                .map(hash -> isOurs(Address.p2pkh(hash, network.addressVersion())))
                .orElse(false);
    }

    /** The outputs among {@code utxos} that this wallet can spend (whenever they mature). */
    public List<Utxo> ours(Collection<Utxo> utxos) {
        return utxos.stream().filter(u -> isOurs(u.scriptPubKey())).toList();
    }

    /** Our outputs among {@code utxos}, split into spendable, immature and unconfirmed. */
    public Balance balance(Collection<Utxo> utxos, WalletTip tip) {
        Amount spendable = Amount.ZERO;
        Amount immature = Amount.ZERO;
        Amount unconfirmed = Amount.ZERO;
        for (Utxo u : ours(utxos)) {
            if (u.isSpendableAt(tip)) {
                spendable = spendable.add(u.value());
            } else if (u.isImmatureAt(tip)) {
                immature = immature.add(u.value());
            } else {
                unconfirmed = unconfirmed.add(u.value());
            }
        }
        return new Balance(spendable, immature, unconfirmed);
    }

    /**
     * Builds and signs a payment of {@code amount} to {@code recipient} from our spendable
     * outputs among {@code utxos}. Issues (and records) a change address when there is change.
     *
     * @throws IllegalArgumentException if the recipient is for another network or the amount is dust
     * @throws InsufficientFundsException if our spendable outputs do not cover amount and fee
     * @throws WrongPasswordException if the password is wrong
     */
    public SignedPayment send(char[] password, Address recipient, Amount amount, FeeRate rate, Collection<Utxo> utxos,
                              WalletTip tip, Instant at) {
        SignedPayment payment = prepareSend(password, recipient, amount, rate, utxos, tip);
        recordSent(payment, at);
        return payment;
    }

    /**
     * As {@link #send}, but the change goes to the next change address without recording it, so a
     * payment the node refuses uses up no index; call {@link #recordSent} once it is broadcast.
     */
    public SignedPayment prepareSend(char[] password, Address recipient, Amount amount, FeeRate rate, Collection<Utxo> utxos,
                                     WalletTip tip) {
        if (recipient.version() != network.addressVersion()) {
            throw new IllegalArgumentException("address " + recipient + " is for the " + recipient.version().label()
                    + " network; " + network.name() + " uses " + network.addressVersion().label() + " addresses");
        }
        CoinSelection.Selection selection = CoinSelection.select(ours(utxos), amount, rate, tip);
        WalletSecret secret = keystore.unlock(password);
        ExtendedKey accountPrivate = accountKey(hd, secret);
        if (!accountPrivate.neuter().equals(account)) {
            throw new KeystoreException("keystore " + keystore.file() + ": its secret does not give its recorded account key");
        }
        Optional<Address> change = selection.hasChange()
                ? Optional.of(Address.parse(nextAddress(AddressChain.CHANGE).address()))
                : Optional.empty();
        Map<String, IssuedAddress> byKeyHash = new HashMap<>();
        for (IssuedAddress issued : state.addresses()) {
            byKeyHash.put(Hex.encode(Address.parse(issued.address()).hash160()), issued);
        }
        TransactionBuilder.KeyLookup keys = hash -> Optional.ofNullable(byKeyHash.get(Hex.encode(hash)))
                .map(issued -> PrivateKey.of(derive(accountPrivate, issued).secret(), true));
        return new SignedPayment(builder.buildSigned(selection, recipient, change.orElse(null), keys), selection, recipient,
                change);
    }

    /**
     * Records a payment from {@link #prepareSend} as broadcast: its change address as issued, and
     * the payment itself among those sent ({@link #sentPayments}), at {@code at}.
     *
     * @throws IllegalArgumentException if its change address is not this wallet's next one
     */
    public void recordSent(SignedPayment payment, Instant at) {
        KeystorePublicState next = state.withSent(new SentPayment(payment.transaction().txid().toString(),
                payment.recipient().toString(), payment.selection().amount().units(), at.getEpochSecond()));
        if (payment.changeAddress().isPresent()) {
            IssuedAddress change = nextAddress(AddressChain.CHANGE);
            if (!change.address().equals(payment.changeAddress().get().toString())) {
                throw new IllegalArgumentException("the payment's change address " + payment.changeAddress().get()
                        + " is not this wallet's next change address " + change.address());
            }
            next = next.withIssued(change);
        }
        state = keystore.updatePublicState(next).publicState();
    }

    /** The payments this wallet broadcast, oldest first (the latest {@value KeystorePublicState#SENT_KEPT}). */
    public List<SentPayment> sentPayments() {
        return state.sent();
    }

    private IssuedAddress issue(AddressChain chain) {
        IssuedAddress issued = nextAddress(chain);
        state = keystore.updatePublicState(state.withIssued(issued)).publicState();
        return issued;
    }

    /** The chain's next address, not yet recorded. */
    private IssuedAddress nextAddress(AddressChain chain) {
        int index = state.nextIndex(chain);
        while (true) {
            try {
                return new IssuedAddress(chain, index, address(derive(account, chain, index)));
            } catch (InvalidChildKeyException e) {
                index++; // BIP32: an invalid child is skipped, the next index used instead
            }
        }
    }

    /** Re-derives every recorded address: the public part of the file is not authenticated. */
    private void checkIssuedAddresses() {
        for (IssuedAddress issued : state.addresses()) {
            String expected = address(derive(account, issued));
            if (!expected.equals(issued.address())) {
                throw new KeystoreException("keystore " + keystore.file() + " was altered: " + issued.chain().jsonName()
                        + " address " + issued.index() + " is recorded as " + issued.address() + " but the account key gives "
                        + expected);
            }
        }
    }

    private ExtendedKey derive(ExtendedKey accountKey, IssuedAddress issued) {
        return derive(accountKey, issued.chain(), issued.index());
    }

    private ExtendedKey derive(ExtendedKey accountKey, AddressChain chain, int index) {
        return hd.deriveChild(hd.deriveChild(accountKey, chain.childNumber()), ChildNumber.normal(index));
    }

    private String address(ExtendedKey key) {
        return Address.p2pkh(key.identifier(), network.addressVersion()).toString();
    }

    private static ExtendedKey accountKey(HdKeyDerivation hd, WalletSecret secret) {
        return hd.derivePath(hd.master(secret.seed()), ACCOUNT_PATH);
    }

    @Override
    public String toString() {
        return "Wallet[" + keystore.file() + ", " + network.name() + ", " + state.addresses().size() + " addresses]";
    }

    /** Issued addresses of one chain, for display. */
    public List<IssuedAddress> issuedAddresses(AddressChain chain) {
        List<IssuedAddress> out = new ArrayList<>();
        for (IssuedAddress a : state.addresses()) {
            if (a.chain() == chain) {
                out.add(a);
            }
        }
        return out;
    }

    /** The receive address issued last (the wallet's current one), if any was issued. */
    public Optional<Address> latestReceiveAddress() {
        List<IssuedAddress> receive = issuedAddresses(AddressChain.RECEIVE);
        return receive.isEmpty() ? Optional.empty() : Optional.of(Address.parse(receive.get(receive.size() - 1).address()));
    }
}
