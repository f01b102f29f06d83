package io.flint.node;

import io.flint.core.Amount;
import io.flint.crypto.Address;
import io.flint.mempool.AcceptOutcome;
import io.flint.p2p.snapshot.PeerSnapshot;
import io.flint.wallet.InsufficientFundsException;
import io.flint.wallet.SignedPayment;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --tx-interval}: now and then the node pays a random known peer a small amount from its
 * own wallet, with a real signed transaction, as the base network's peers do to keep
 * transactions flowing.
 */
final class PaymentGenerator {
    private static final Logger log = LoggerFactory.getLogger(PaymentGenerator.class);
    private static final long MIN_UNITS = 100_000;          // 0.001 coin
    private static final long MAX_UNITS = 50_000_000;       // 0.5 coin

    private final FlintNode node;
    private final RandomGenerator random;
    /**
     * Why the last round paid nothing, or null after a payment: said once at INFO when it changes
     * (an operator watched a node with --tx-interval pay nothing for minutes, the reason at DEBUG).
     */
    private String idle;

    PaymentGenerator(FlintNode node, RandomGenerator random) {
        this.node = node;
        this.random = random;
    }

    /** Runs on the event loop. */
    void payRandomPeer() {
        List<PeerSnapshot> payable = node.network().snapshot().peers().stream()
                .filter(p -> p.address() != null && !p.address().isEmpty())
                .filter(p -> "ALIVE".equals(p.status()))
                .toList();
        if (payable.isEmpty()) {
            idle("no peer to pay yet (--tx-interval pays live peers that advertise a payout address)");
            return;
        }
        PeerSnapshot peer = payable.get(random.nextInt(payable.size()));
        Address to;
        try {
            to = Address.parse(peer.address(), node.settings().network().addressVersion());
        } catch (IllegalArgumentException e) {
            log.debug("peer {} advertises an unusable address: {}", peer.id(), e.getMessage());
            return;
        }
        Amount amount = Amount.ofUnits(MIN_UNITS + random.nextLong(MAX_UNITS - MIN_UNITS));
        try {
            SignedPayment payment = node.payFromWallet(to, amount);
            AcceptOutcome outcome = node.submitTransaction(payment.transaction());
            log.info("paid {} {} to peer {} in {}: {}", amount.toCoinString(), to, peer.id(),
                    payment.transaction().txid(), outcome.getClass().getSimpleName());
            idle = null;
        } catch (InsufficientFundsException e) {
            log.debug("not paying peer {}: {}", peer.id(), e.getMessage());
            idle("the node wallet has no spendable coins yet (block rewards wait " + node.settings().network()
                    .coinbaseMaturity() + " blocks; a node that does not mine needs to be paid first)");
        } catch (RuntimeException e) {
            log.warn("payment to peer {} failed: {}", peer.id(), e.getMessage());
        }
    }

    private void idle(String why) {
        if (!why.equals(idle)) {
            log.info("--tx-interval: not paying: {}", why);
            idle = why;
        }
    }
}
