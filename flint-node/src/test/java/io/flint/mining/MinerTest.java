package io.flint.mining;

import static io.flint.mempool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flint.chain.BlockOutcome;
import io.flint.chain.ChainView;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Amount;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import io.flint.core.script.Script;
import io.flint.mempool.AcceptOutcome;
import io.flint.mempool.MempoolConfig;
import io.flint.mempool.PoolFixture;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The miner on the real chain. The test thread plays the node's event loop: it takes solved
 * blocks from the queue the miner hands them to and submits them to the chain.
 */
class MinerTest {
    private static final Script PAYOUT = TestChainBuilder.p2pkh(key(7));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final BlockingQueue<Block> solved = new LinkedBlockingQueue<>();
    private final RecordingThreads threads = new RecordingThreads();
    private Miner miner;

    private Miner miner(PoolFixture f, ChainView view, MinerConfig config) {
        BlockTemplateFactory templates = new BlockTemplateFactory(view, f.pool, f.clock);
        miner = new Miner(templates, view, config, f.clock, threads, PAYOUT, solved::add);
        view.addListener(miner);
        return miner;
    }

    @AfterEach
    void stopMiner() {
        if (miner != null) {
            miner.stop();
        }
    }

    private Block nextSolved() throws InterruptedException {
        Block b = solved.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(b).as("a solved block within " + WAIT).isNotNull();
        return b;
    }

    @Test
    void minesRegtestBlocksTheChainAccepts() throws InterruptedException {
        PoolFixture f = new PoolFixture();
        miner(f, f.chain, MinerConfig.defaults(2)).start();

        for (int i = 1; i <= 3; i++) {
            Block b = nextSolved();
            assertThat(b.height()).isEqualTo(i);
            assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.Connected.class);
        }
        assertThat(miner.blocksFound()).isGreaterThanOrEqualTo(3);
        assertThat(miner.totalHashes()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void continuousMiningWaitsForItsPaceByTheInjectedClockButMineOneDoesNot() throws Exception {
        PoolFixture f = new PoolFixture();
        miner(f, f.chain, MinerConfig.defaults(2).withContinuousInterval(Duration.ofSeconds(1))).start();

        Block first = nextSolved();
        assertThat(f.chain.submitBlock(first)).isInstanceOf(BlockOutcome.Connected.class);
        // the test clock stands still: regtest work is trivial, yet no second block comes
        assertThat(solved.poll(400, TimeUnit.MILLISECONDS)).isNull();

        Block asked = miner.mineOne(PAYOUT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(nextSolved()).isEqualTo(asked);
        assertThat(asked.height()).isEqualTo(2);
        assertThat(f.chain.submitBlock(asked)).isInstanceOf(BlockOutcome.Connected.class);
        // a block on demand starts the pause again
        assertThat(solved.poll(400, TimeUnit.MILLISECONDS)).isNull();
        f.clock.advance(Duration.ofMillis(999));
        assertThat(solved.poll(400, TimeUnit.MILLISECONDS)).isNull();

        f.clock.advance(Duration.ofMillis(1));
        assertThat(nextSolved().height()).isEqualTo(3);
        assertThat(miner.blocksFound()).isEqualTo(3);
    }

    /**
     * With the clock set back behind the chain's median time past (as when blocks came faster than
     * that median lets the chain's time advance), every block would be too new: continuous mining
     * hands over none, a block on demand fails at once saying why, and mining resumes by itself
     * once the clock allows a valid timestamp.
     */
    @Test
    void minesNoBlockTheChainWouldRejectAsTooNewAndResumesWhenTheClockAllows() throws Exception {
        PoolFixture f = new PoolFixture();
        miner(f, f.chain, MinerConfig.defaults(2)).start();
        for (int i = 1; i <= 3; i++) {
            assertThat(f.chain.submitBlock(nextSolved())).isInstanceOf(BlockOutcome.Connected.class);
        }
        long height = f.chain.height();
        f.clock.advance(Duration.ofHours(-3));
        // a block solved just before the clock moved may still be on its way to the queue
        Thread.sleep(200);
        solved.clear();

        assertThat(solved.poll(500, TimeUnit.MILLISECONDS)).as("a block mined with the clock 3 h back").isNull();
        // a block solved just before the clock moved (and cleared above) is waited for until solvedWait ends
        await().atMost(WAIT).untilAsserted(() -> assertThat(miner.pausedFor())
                .hasValueSatisfying(why -> assertThat(why).contains("ahead of this node's clock")));
        CompletableFuture<Block> asked = miner.mineOne(PAYOUT);
        assertThat(asked).failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(ClockBehindChainException.class)
                .withMessageContaining("more than 2 h ahead of this node's clock");
        assertThat(solved.poll(300, TimeUnit.MILLISECONDS)).isNull();

        f.clock.advance(Duration.ofHours(3));
        Block resumed = nextSolved();
        assertThat(resumed.height()).isEqualTo(height + 1);
        assertThat(miner.pausedFor()).isEmpty();
        assertThat(f.chain.submitBlock(resumed)).isInstanceOf(BlockOutcome.Connected.class);
    }

    @Test
    void minesDemoBlocksAtTheRealDifficulty() throws Exception {
        PoolFixture f = new PoolFixture(NetworkParams.DEMO, MempoolConfig.DEFAULTS);
        miner(f, f.chain, MinerConfig.defaults(2));

        for (int i = 1; i <= 2; i++) {
            Block b = miner.mineOne(PAYOUT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(b.header().bits()).isEqualTo(NetworkParams.DEMO.powLimitBits());
            assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.Connected.class);
        }
        // about 2^16 hashes per block at the demo limit
        assertThat(miner.totalHashes()).isGreaterThan(2);
    }

    @Test
    void mineOneTakesInPoolTransactionsAndPaysTheGivenScript() throws Exception {
        PoolFixture f = new PoolFixture();
        var coin = f.confirmedCoins(1, Amount.ONE_COIN.units(), key(2)).get(0);
        Transaction tx = f.pay(coin, key(3), Amount.ofUnits(1_500));
        assertThat(f.pool.accept(tx)).isInstanceOf(AcceptOutcome.Accepted.class);
        miner(f, f.chain, MinerConfig.defaults(1));
        Script other = TestChainBuilder.p2pkh(key(8));

        CompletableFuture<Block> result = miner.mineOne(other);
        Block b = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(nextSolved()).isEqualTo(b);
        assertThat(b.transactions()).extracting(Transaction::txid).containsExactly(b.transactions().get(0).txid(), tx.txid());
        assertThat(b.transactions().get(0).output(0).scriptPubKey()).isEqualTo(other);
        assertThat(b.transactions().get(0).output(0).value())
                .isEqualTo(f.params.subsidyAt(b.height()).units() + 1_500);
        assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.Connected.class);
        assertThat(f.pool.size()).isZero();
        assertThat(miner.isMining()).isFalse();
        await().atMost(WAIT).until(threads::allEnded);
    }

    @Test
    void waitsForItsBlockToConnectAndMinesAgainOnlyIfItDoesNot() throws InterruptedException {
        PoolFixture f = new PoolFixture();
        MinerConfig d = MinerConfig.defaults(2);
        MinerConfig config = new MinerConfig(2, d.nonceRange(), d.chunkSize(), d.templateRefresh(), d.maxTimeRoll(),
                Duration.ofMillis(300), Duration.ZERO);
        miner(f, f.chain, config).start();

        // the loop never submits: after the wait the miner tries the same height again, once per wait
        Block first = nextSolved();
        Block second = nextSolved();
        assertThat(second.height()).isEqualTo(first.height()).isEqualTo(1);
        assertThat(second.hash()).isNotEqualTo(first.hash());

        assertThat(f.chain.submitBlock(second)).isInstanceOf(BlockOutcome.Connected.class);
        Block next = nextSolved();
        while (next.height() == 1) {
            // solved again at height 1 before the submit, if this thread was slow
            next = nextSolved();
        }
        assertThat(next.height()).isEqualTo(2);
        assertThat(next.header().prevHash()).isEqualTo(second.hash());
    }

    @Test
    void abandonsWorkWhenTheTipChanges() {
        PoolFixture f = new PoolFixture();
        miner(f, new HardTargetChainView(f.chain), MinerConfig.defaults(2)).start();
        Hash first = f.chain.tip().hash();
        await().atMost(WAIT).until(() -> onTip(first) && miner.totalHashes() > 0);

        Block next = f.mineEmpty(1).get(0);

        await().atMost(WAIT).until(() -> onTip(next.hash()));
        assertThat(miner.currentTemplate().orElseThrow().height()).isEqualTo(next.height() + 1);
        assertThat(miner.blocksFound()).isZero();
    }

    @Test
    void noticesANewTipEvenWithoutBeingRegisteredAsAListener() {
        PoolFixture f = new PoolFixture();
        ChainView view = new HardTargetChainView(f.chain);
        miner = new Miner(new BlockTemplateFactory(view, f.pool, f.clock), view, MinerConfig.defaults(1), f.clock,
                threads, PAYOUT, solved::add);
        miner.start();
        await().atMost(WAIT).until(() -> onTip(f.chain.tip().hash()));

        Block next = f.mineEmpty(1).get(0);

        await().atMost(WAIT).until(() -> onTip(next.hash()));
    }

    private boolean onTip(Hash tip) {
        return miner.currentTemplate().map(t -> t.header().prevHash().equals(tip)).orElse(false);
    }

    @Test
    void anExhaustedNonceRangeRollsTheTimeThenTheExtraNonce() {
        PoolFixture f = new PoolFixture();
        MinerConfig config = MinerConfig.defaults(1).withNonceRange(256, 64).withMaxTimeRoll(Duration.ofSeconds(3));
        miner(f, new HardTargetChainView(f.chain), config).start();

        await().atMost(WAIT).until(() -> miner.extraNonceRolls() >= 3);

        // the clock stands still: three one-second rolls reach the limit, then only the extra nonce moves
        assertThat(miner.timeRolls()).isEqualTo(3);
        assertThat(miner.totalHashes()).isGreaterThanOrEqualTo(256L * (3 + 3));
    }

    @Test
    void blocksFoundAfterRollsAreValid() throws InterruptedException {
        PoolFixture f = new PoolFixture(NetworkParams.DEMO, MempoolConfig.DEFAULTS);
        // 128 nonces per worker and variant against about 2^16 per block: most blocks need many variants
        MinerConfig config = MinerConfig.defaults(2).withNonceRange(256, 64).withMaxTimeRoll(Duration.ofSeconds(2));
        miner(f, f.chain, config).start();

        for (int i = 1; i <= 2; i++) {
            Block b = nextSolved();
            long templateTime = Math.max(f.chain.tip().medianTimePast() + 1, PoolFixture.START.getEpochSecond());
            assertThat(b.header().timestamp()).isBetween(templateTime, templateTime + 2);
            assertThat(f.chain.submitBlock(b)).isInstanceOf(BlockOutcome.Connected.class);
        }
        assertThat(miner.timeRolls()).isPositive();
        assertThat(miner.extraNonceRolls()).isPositive();
    }

    @Test
    void stopCancelsPendingRequestsAndEndsTheWorkers() {
        PoolFixture f = new PoolFixture();
        miner(f, new HardTargetChainView(f.chain), MinerConfig.defaults(2));
        CompletableFuture<Block> pending = miner.mineOne(PAYOUT);
        await().atMost(WAIT).until(() -> miner.totalHashes() > 0);

        miner.stop();

        assertThat(pending).isCancelled();
        assertThat(miner.isMining()).isFalse();
        assertThat(threads.made).hasSize(2);
        assertThat(threads.allEnded()).isTrue();
    }

    @Test
    void cancellingTheOnlyRequestLetsTheWorkersEnd() {
        PoolFixture f = new PoolFixture();
        miner(f, new HardTargetChainView(f.chain), MinerConfig.defaults(2));
        CompletableFuture<Block> pending = miner.mineOne(PAYOUT);
        await().atMost(WAIT).until(() -> miner.totalHashes() > 0);

        pending.cancel(false);

        await().atMost(WAIT).until(threads::allEnded);
        assertThat(miner.isMining()).isFalse();
    }
}
