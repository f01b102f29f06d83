package io.flint.wallet;

import io.flint.core.Amount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses which outputs pay for a P2PKH payment. Pure: same outputs, same choice.
 *
 * <p>Fewest inputs first (a smaller, cheaper transaction that also links fewer of our
 * addresses): one coin if any single coin covers the payment, taking the smallest such coin;
 * otherwise the k-1 largest coins plus the smallest coin that completes them, for the least k
 * that works. Change below the dust limit is not worth an output (it would cost more to spend
 * than it holds), so it goes to the fee.
 */
public final class CoinSelection {
    /** Bitcoin's dust threshold for a P2PKH output at the default relay fee: 546 units. */
    public static final Amount DUST_LIMIT = Amount.ofUnits(546);

    private static final Comparator<Utxo> LARGEST_FIRST = Comparator.comparing(Utxo::value).reversed()
            .thenComparing(u -> u.outPoint().txid())
            .thenComparingLong(u -> u.outPoint().index());

    private CoinSelection() {}

    /**
     * The chosen inputs and how their value splits into amount, fee and change
     * ({@link Amount#ZERO} when there is no change output).
     */
    public record Selection(List<Utxo> inputs, Amount amount, Amount fee, Amount change) {
        public Selection {
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(fee, "fee");
            Objects.requireNonNull(change, "change");
        }

        public boolean hasChange() {
            return !change.isZero();
        }

        public Amount inputTotal() {
            return sum(inputs);
        }

        /** The size the fee was computed for: one output to the recipient, one more for change. */
        public int estimatedSize() {
            return TransactionSizeEstimate.p2pkh(inputs.size(), hasChange() ? 2 : 1);
        }
    }

    /**
     * Selects outputs of {@code utxos} that are spendable at {@code tip} to pay {@code amount}
     * at {@code rate}.
     *
     * @throws IllegalArgumentException if the amount is below the dust limit
     * @throws InsufficientFundsException if even every spendable output is not enough
     */
    public static Selection select(Collection<Utxo> utxos, Amount amount, FeeRate rate, WalletTip tip) {
        if (amount.isLessThan(DUST_LIMIT)) {
            throw new IllegalArgumentException("amount " + amount + " is below the dust limit of "
                    + DUST_LIMIT.units() + " units; such an output would not be relayed");
        }
        List<Utxo> spendable = utxos.stream().filter(u -> u.isSpendableAt(tip)).sorted(LARGEST_FIRST).toList();
        Amount notYetSpendable = sum(utxos.stream().filter(u -> !u.isSpendableAt(tip)).toList());

        Amount prefix = Amount.ZERO; // value of the k-1 largest coins
        for (int k = 1; k <= spendable.size(); k++) {
            Amount withNext = prefix.add(spendable.get(k - 1).value());
            if (settle(k, withNext, amount, rate).isPresent()) {
                // k coins are enough; the rest is sorted largest first, so scanning it from the
                // end finds the smallest coin that completes the k-1 largest
                for (int c = spendable.size() - 1; c >= k - 1; c--) {
                    Optional<Split> split = settle(k, prefix.add(spendable.get(c).value()), amount, rate);
                    if (split.isPresent()) {
                        List<Utxo> chosen = new ArrayList<>(spendable.subList(0, k - 1));
                        chosen.add(spendable.get(c));
                        return new Selection(chosen, amount, split.get().fee(), split.get().change());
                    }
                }
            }
            prefix = withNext;
        }
        Amount feeOfAll = rate.feeFor(TransactionSizeEstimate.p2pkh(Math.max(1, spendable.size()), 1));
        throw new InsufficientFundsException(sum(spendable), amount, feeOfAll, notYetSpendable);
    }

    /** How a total splits between fee and change. */
    record Split(Amount fee, Amount change) {}

    /**
     * Splits the value of {@code inputs} coins worth {@code total} into fee and change, or empty
     * when they do not cover the amount and the fee of a transaction without change.
     */
    static Optional<Split> settle(int inputs, Amount total, Amount amount, FeeRate rate) {
        Amount feeWithoutChange = rate.feeFor(TransactionSizeEstimate.p2pkh(inputs, 1));
        if (total.isLessThan(amount.add(feeWithoutChange))) {
            return Optional.empty();
        }
        Amount feeWithChange = rate.feeFor(TransactionSizeEstimate.p2pkh(inputs, 2));
        if (!total.isLessThan(amount.add(feeWithChange).add(DUST_LIMIT))) {
            return Optional.of(new Split(feeWithChange, total.subtract(amount).subtract(feeWithChange)));
        }
        return Optional.of(new Split(total.subtract(amount), Amount.ZERO));
    }

    static Amount sum(Collection<Utxo> utxos) {
        Amount total = Amount.ZERO;
        for (Utxo u : utxos) {
            total = total.add(u.value());
        }
        return total;
    }
}
