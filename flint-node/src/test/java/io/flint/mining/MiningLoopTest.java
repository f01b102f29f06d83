package io.flint.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.AddressUtxo;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.OutPoint;
import io.flint.core.Transaction;
import io.flint.core.script.Script;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.PoolFixture;
import io.flint.wallet.Balance;
import io.flint.wallet.WalletTip;
import io.flint.wallet.FeeRate;
import io.flint.wallet.HdKeyDerivation;
import io.flint.wallet.Keystore;
import io.flint.wallet.KeystoreCipher;
import io.flint.wallet.Mnemonic;
import io.flint.wallet.ScryptParams;
import io.flint.wallet.TransactionBuilder;
import io.flint.wallet.Utxo;
import io.flint.wallet.Wallet;
import io.flint.wallet.WalletSecret;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool, chain, miner and wallet together, threaded as in the node: one event-loop thread owns
 * the chain and the pool, the miner's workers only read them and post solved blocks to the loop.
 * The wallet is paid by mined coinbases, spends one after maturity, the payment enters the pool,
 * the next block takes it in, and the pool is empty again.
 */
class MiningLoopTest {
    private static final String PHRASE =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    private static final char[] PASSWORD = "pw".toCharArray();
    private static final ScryptParams CHEAP = new ScryptParams(1 << 10, 8, 1);

    private final PoolFixture f = new PoolFixture();
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));
    private final RecordingThreads threads = new RecordingThreads();
    private Miner miner;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (miner != null) {
            miner.stop();
        }
        loop.shutdown();
        assertThat(loop.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(20, TimeUnit.SECONDS);
    }

    /** Mines one block and waits until the loop has submitted it. */
    private Block mineOne(Script payout) throws Exception {
        Block b = miner.mineOne(payout).get(20, TimeUnit.SECONDS);
        assertThat(onLoop(() -> f.chain.tip().hash())).isEqualTo(b.hash());
        return b;
    }

    @Test
    void aWalletPaymentFromAMinedRewardIsMinedIntoTheNextBlock(@TempDir Path dir) throws Exception {
        Wallet wallet = Wallet.create(new Keystore(dir.resolve("wallet.json"), new KeystoreCipher(new SecureRandom())),
                new HdKeyDerivation(f.engine), new TransactionBuilder(f.engine), f.params,
                new WalletSecret(Mnemonic.parse(PHRASE), ""), PASSWORD, CHEAP, Keystore.IfExists.REFUSE);
        Address ours = wallet.newReceiveAddress();
        Script payout = StandardScripts.p2pkh(ours.hash160());
        miner = new Miner(new BlockTemplateFactory(f.chain, f.pool, f.clock), f.chain, MinerConfig.defaults(2), f.clock,
                threads, payout, block -> loop.execute(() -> f.chain.submitBlock(block)));
        f.chain.addListener(miner);

        int maturity = f.params.coinbaseMaturity();
        for (int i = 0; i <= maturity; i++) {
            mineOne(payout);
        }
        long height = onLoop(() -> f.chain.tip().height());
        WalletTip tip = new WalletTip(height, maturity);
        List<Utxo> utxos = onLoop(() -> f.chain.addressUtxos(ours.hash160())).stream().map(MiningLoopTest::utxo).toList();
        Balance balance = wallet.balance(utxos, tip);
        assertThat(balance.spendable()).isEqualTo(Amount.ofCoins(100));
        assertThat(balance.immature()).isEqualTo(Amount.ofCoins(50 * (maturity - 1)));

        Address recipient = Address.p2pkh(TestChainBuilder.key(9).publicKey(f.engine).hash160(), f.params.addressVersion());
        Transaction payment = wallet.send(PASSWORD, recipient, Amount.ofCoins(1), FeeRate.DEFAULT, utxos, tip, java.time.Instant.EPOCH).transaction();
        AcceptOutcome outcome = onLoop(() -> f.pool.accept(payment));
        assertThat(outcome).isInstanceOf(AcceptOutcome.Accepted.class);
        // the change is spendable from the pool's view before it confirms
        assertThat(f.pool.view().coin(new OutPoint(payment.txid(), 1))).isPresent();

        Block block = mineOne(payout);

        assertThat(block.transactions()).extracting(Transaction::txid).contains(payment.txid());
        assertThat(block.transactions().get(0).output(0).value())
                .isEqualTo(f.params.subsidyAt(block.height()).add(((AcceptOutcome.Accepted) outcome).fee()).units());
        assertThat(onLoop(() -> f.pool.size())).isZero();
        List<AddressUtxo> received = onLoop(() -> f.chain.addressUtxos(recipient.hash160()));
        assertThat(received).extracting(u -> u.coin().output().value()).containsExactly(Amount.ONE_COIN.units());
    }

    private static Utxo utxo(AddressUtxo u) {
        return new Utxo(u.outPoint(), u.coin().output().amount(), u.coin().output().scriptPubKey(), u.coin().height(),
                u.coin().coinbase());
    }
}
