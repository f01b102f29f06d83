package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.core.Amount;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoinSelectionTest {
    private static final WalletTip TIP = new WalletTip(100, 10);
    private static final FeeRate ONE = new FeeRate(1);

    @Test
    void sizesOfP2pkhTransactions() {
        // 4 version + 1 + 148 + 1 + 34 + 4 lock time
        assertThat(TransactionSizeEstimate.p2pkh(1, 1)).isEqualTo(192);
        assertThat(TransactionSizeEstimate.p2pkh(1, 2)).isEqualTo(226);
        assertThat(TransactionSizeEstimate.p2pkh(2, 2)).isEqualTo(374);
        // 253 inputs need a 3-byte count
        assertThat(TransactionSizeEstimate.p2pkh(253, 1)).isEqualTo(4 + 3 + 253 * 148 + 1 + 34 + 4);
    }

    @Test
    void exactChangeArithmetic() {
        CoinSelection.Selection s = CoinSelection.select(List.of(Coins.confirmed(1, 100_000)), Amount.ofUnits(50_000), ONE, TIP);
        assertThat(s.inputs()).hasSize(1);
        assertThat(s.fee()).isEqualTo(Amount.ofUnits(226));
        assertThat(s.change()).isEqualTo(Amount.ofUnits(100_000 - 50_000 - 226));
        assertThat(s.amount().add(s.fee()).add(s.change())).isEqualTo(s.inputTotal());
        assertThat(s.estimatedSize()).isEqualTo(226);

        CoinSelection.Selection fast = CoinSelection.select(List.of(Coins.confirmed(1, 100_000)), Amount.ofUnits(50_000), new FeeRate(20), TIP);
        assertThat(fast.fee()).isEqualTo(Amount.ofUnits(226 * 20));
        assertThat(fast.change()).isEqualTo(Amount.ofUnits(100_000 - 50_000 - 226 * 20));
    }

    @Test
    void changeBelowTheDustLimitGoesToTheFee() {
        // 545 left after the fee with change: not worth an output
        long coin = 50_000 + 226 + 545;
        CoinSelection.Selection s = CoinSelection.select(List.of(Coins.confirmed(1, coin)), Amount.ofUnits(50_000), ONE, TIP);
        assertThat(s.hasChange()).isFalse();
        assertThat(s.change()).isEqualTo(Amount.ZERO);
        assertThat(s.fee()).isEqualTo(Amount.ofUnits(771));
        assertThat(s.estimatedSize()).isEqualTo(192);

        // one unit more and the change output is worth making: exactly the dust limit
        CoinSelection.Selection t = CoinSelection.select(List.of(Coins.confirmed(1, coin + 1)), Amount.ofUnits(50_000), ONE, TIP);
        assertThat(t.change()).isEqualTo(CoinSelection.DUST_LIMIT);
        assertThat(t.fee()).isEqualTo(Amount.ofUnits(226));
    }

    @Test
    void aCoinCoveringOnlyTheNoChangeFeeIsEnough() {
        long coin = 50_000 + 192;
        CoinSelection.Selection s = CoinSelection.select(List.of(Coins.confirmed(1, coin)), Amount.ofUnits(50_000), ONE, TIP);
        assertThat(s.fee()).isEqualTo(Amount.ofUnits(192));
        assertThat(s.hasChange()).isFalse();
        assertThatThrownBy(() -> CoinSelection.select(List.of(Coins.confirmed(1, coin - 1)), Amount.ofUnits(50_000), ONE, TIP))
                .isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void prefersTheSmallestSingleCoinThatCovers() {
        List<Utxo> coins = List.of(Coins.confirmed(1, 10_000), Coins.confirmed(2, 60_000), Coins.confirmed(3, 200_000));
        CoinSelection.Selection s = CoinSelection.select(coins, Amount.ofUnits(50_000), ONE, TIP);
        assertThat(s.inputs()).containsExactly(coins.get(1));
    }

    @Test
    void usesAsFewInputsAsPossible() {
        List<Utxo> coins = List.of(Coins.confirmed(1, 30_000), Coins.confirmed(2, 30_000), Coins.confirmed(3, 30_000),
                Coins.confirmed(4, 45_000), Coins.confirmed(5, 1_000));
        CoinSelection.Selection s = CoinSelection.select(coins, Amount.ofUnits(70_000), ONE, TIP);
        assertThat(s.inputs()).hasSize(2);
        assertThat(s.inputs().get(0)).isEqualTo(coins.get(3));
        assertThat(s.inputs().get(1).value()).isEqualTo(Amount.ofUnits(30_000));
        assertThat(s.fee()).isEqualTo(Amount.ofUnits(374));
        assertThat(s.change()).isEqualTo(Amount.ofUnits(75_000 - 70_000 - 374));
    }

    @Test
    void insufficientFundsNamesWhatWeHaveAndWhatIsNeeded() {
        List<Utxo> coins = List.of(Coins.confirmed(1, 1_000), Coins.confirmed(2, 2_000));
        assertThatThrownBy(() -> CoinSelection.select(coins, Amount.ofUnits(5_000), ONE, TIP))
                .isInstanceOfSatisfying(InsufficientFundsException.class, e -> {
                    assertThat(e.have()).isEqualTo(Amount.ofUnits(3_000));
                    assertThat(e.fee()).isEqualTo(Amount.ofUnits(340));
                    assertThat(e.need()).isEqualTo(Amount.ofUnits(5_340));
                    assertThat(e.getMessage()).isEqualTo(
                            "insufficient funds: have 0.00003, need 0.0000534 (amount 0.00005 + fee 0.0000034, the least fee: every spendable coin in, no change out)");
                });
        assertThatThrownBy(() -> CoinSelection.select(List.of(), Amount.ofUnits(5_000), ONE, TIP))
                .hasMessage("insufficient funds: have 0, need 0.00005192 (amount 0.00005 + fee 0.00000192, the least fee: every spendable coin in, no change out)");
    }

    @Test
    void immatureCoinbaseIsNotSpentAndIsMentioned() {
        long fifty = 50 * Amount.UNITS_PER_COIN;
        Utxo coinbase = new Utxo(Coins.outPoint(9), Amount.ofUnits(fifty), Coins.p2pkh(9), 95, true);
        // tip 100, mined at 95: 6 confirmations of the 10 needed
        assertThatThrownBy(() -> CoinSelection.select(List.of(coinbase), Amount.ONE_COIN, ONE, new WalletTip(100, 10)))
                .isInstanceOfSatisfying(InsufficientFundsException.class, e -> {
                    assertThat(e.have()).isEqualTo(Amount.ZERO);
                    assertThat(e.notYetSpendable()).isEqualTo(Amount.ofUnits(fifty));
                    assertThat(e.getMessage()).endsWith("; 50 more is not spendable yet (immature coinbase or unconfirmed)");
                });
        // 9 confirmations: still immature
        assertThat(coinbase.isSpendableAt(new WalletTip(103, 10))).isFalse();
        assertThat(coinbase.isImmatureAt(new WalletTip(103, 10))).isTrue();
        // 10 confirmations: spendable
        CoinSelection.Selection s = CoinSelection.select(List.of(coinbase), Amount.ONE_COIN, ONE, new WalletTip(104, 10));
        assertThat(s.inputs()).containsExactly(coinbase);
    }

    @Test
    void unconfirmedOutputsAreNotSpent() {
        Utxo pending = new Utxo(Coins.outPoint(1), Amount.ONE_COIN, Coins.p2pkh(1), Utxo.UNCONFIRMED, false);
        Utxo confirmed = Coins.confirmed(2, 20_000);
        CoinSelection.Selection s = CoinSelection.select(List.of(pending, confirmed), Amount.ofUnits(10_000), ONE, TIP);
        assertThat(s.inputs()).containsExactly(confirmed);
        assertThatThrownBy(() -> CoinSelection.select(List.of(pending), Amount.ofUnits(10_000), ONE, TIP))
                .isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void dustPaymentsAreRefused() {
        assertThatThrownBy(() -> CoinSelection.select(List.of(Coins.confirmed(1, 100_000)), Amount.ofUnits(545), ONE, TIP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below the dust limit of 546 units");
    }

    @Test
    void aZeroFeeRateIsAllowed() {
        CoinSelection.Selection s = CoinSelection.select(List.of(Coins.confirmed(1, 100_000)), Amount.ofUnits(50_000), new FeeRate(0), TIP);
        assertThat(s.fee()).isEqualTo(Amount.ZERO);
        assertThat(s.change()).isEqualTo(Amount.ofUnits(50_000));
    }
}
