package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Amount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class CoinSelectionProperties {
    private static final WalletTip TIP = new WalletTip(1_000, 10);

    @Property(tries = 300)
    void aSelectionBalancesAndUsesTheFewestInputs(@ForAll @Size(max = 30) List<@LongRange(min = 1, max = 5_000_000) Long> values,
                                                   @ForAll @LongRange(min = 546, max = 20_000_000) long amountUnits,
                                                   @ForAll @LongRange(min = 0, max = 50) long rate) {
        List<Utxo> coins = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            coins.add(Coins.confirmed(i, values.get(i)));
        }
        Amount amount = Amount.ofUnits(amountUnits);
        FeeRate feeRate = new FeeRate(rate);
        List<Long> descending = values.stream().sorted(Comparator.reverseOrder()).toList();
        try {
            CoinSelection.Selection s = CoinSelection.select(coins, amount, feeRate, TIP);
            assertThat(new HashSet<>(coins)).containsAll(s.inputs());
            assertThat(new HashSet<>(s.inputs())).hasSameSizeAs(s.inputs());
            assertThat(s.amount().add(s.fee()).add(s.change())).isEqualTo(s.inputTotal());
            assertThat(s.change().isZero() || !s.change().isLessThan(CoinSelection.DUST_LIMIT)).isTrue();
            Amount minimumFee = feeRate.feeFor(s.estimatedSize());
            assertThat(s.fee()).isGreaterThanOrEqualTo(minimumFee);
            // overpaying happens only by folding sub-dust change in
            assertThat(s.fee().units() - minimumFee.units()).isLessThan(546 + 34 * rate);
            // no smaller number of coins could have paid
            int k = s.inputs().size();
            long bestWithFewer = descending.stream().limit(k - 1).mapToLong(Long::longValue).sum();
            assertThat(bestWithFewer).isLessThan(amountUnits + rate * TransactionSizeEstimate.p2pkh(k - 1, 1));
        } catch (InsufficientFundsException e) {
            long all = values.stream().mapToLong(Long::longValue).sum();
            assertThat(e.have()).isEqualTo(Amount.ofUnits(all));
            // for every count of coins, even the largest ones fall short
            for (int k = 1; k <= values.size(); k++) {
                long best = descending.stream().limit(k).mapToLong(Long::longValue).sum();
                assertThat(best).isLessThan(amountUnits + rate * TransactionSizeEstimate.p2pkh(k, 1));
            }
        }
    }
}
