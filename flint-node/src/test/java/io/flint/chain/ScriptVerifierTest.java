package io.flint.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.chain.TestChainBuilder.Spendable;
import io.flint.core.Amount;
import io.flint.core.NetworkParams;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.consensus.Coin;
import io.flint.core.consensus.ScriptCheck;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.Secp256k1Engines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parallel script checks report the failure with the lowest index, however the threads run. */
class ScriptVerifierTest {
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    List<ScriptCheck> checks(int n, int... broken) {
        PrivateKey key = TestChainBuilder.key(3);
        List<ScriptCheck> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            TxOut prev = new TxOut(Amount.ofCoins(1), TestChainBuilder.p2pkh(key));
            Transaction funding = new Transaction(1, List.of(), List.of(prev), t);
            Spendable s = TestChainBuilder.output(funding, 0, key);
            Transaction tx = builder.tx().spending(s).paying(key, Amount.ofCoins(1)).sign();
            Coin coin = new Coin(prev, 1, false);
            for (int b : broken) {
                if (b == t) {
                    // a coin of another value than the one signed for: a different script makes the check fail
                    coin = new Coin(new TxOut(Amount.ofCoins(1), TestChainBuilder.p2pkh(TestChainBuilder.key(4))), 1, false);
                }
            }
            out.add(new ScriptCheck(t, tx, 0, coin));
        }
        return out;
    }

    @Test
    void allValidPasses() {
        ScriptVerifier v = new ScriptVerifier(pool, Secp256k1Engines.best(), 3);
        assertThat(v.verify(checks(20))).isEmpty();
    }

    @Test
    void theFirstFailureInBlockOrderIsReported() {
        List<ScriptCheck> checks = checks(40, 33, 7, 21);
        ScriptVerifier v = new ScriptVerifier(pool, Secp256k1Engines.best(), 2);
        for (int round = 0; round < 5; round++) {
            Optional<Rejection> r = v.verify(checks);
            assertThat(r).hasValueSatisfying(rej -> assertThat(rej.detail()).startsWith("tx 7 "));
        }
    }
}
