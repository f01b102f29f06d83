package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node whose peers never answer says so, once: it looked like a healthy node on a quiet
 * network before (no line at all, and ready at its own stale tip).
 */
class UnansweredPeersTest {

    @Test
    void aNodeNoneOfWhosePeersAnswersWarnsOnceNamingTheAddressesTried() {
        SimNet net = new SimNet(61);
        // config.json names 5000 and --peers an address; nothing listens at either
        SimNode lone = net.add(SimNet.config(SimNet.identity("5001"), List.of(SimNet.bootstrap(SimNet.identity("5000"))),
                c -> c.toBuilder().noAnswerWarning(Duration.ofSeconds(10)).build()));
        try (LogLines log = new LogLines(P2pEngine.class)) {
            lone.engine.addBootstrapAddress(SimNet.endpointOf("5002"));
            net.runFor(Duration.ofSeconds(9));
            assertThat(log.at(Level.WARN, "")).isEmpty();
            net.runFor(Duration.ofMinutes(5));
            assertThat(log.at(Level.WARN, "")).containsExactly("[5001] no peer has answered 10 s after start (tried "
                    + "5000 at 10.0.0.1:5000, 10.0.0.3:5002): check the addresses and that those nodes run; a node "
                    + "refusing this one says why in its own log (id 5001 in use by a live node, a banned endpoint, "
                    + "another genesis)");
        }
    }

    @Test
    void aSecondNodeUnderALiveIdIsRefusedAndEachSideSaysSo() {
        // a backup of 5001's data directory started while 5001 runs, on another address
        SimNet net = new SimNet(62);
        SimNode network = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer original = new RawPeer(net, "5001", 1024 * 1024);
        original.hello(network.endpoint);
        net.runFor(Duration.ofSeconds(1));
        try (LogLines log = new LogLines(P2pEngine.class)) {
            NodeIdentity copy = NodeIdentity.of("5001", SimNet.endpointOf("5009"));
            net.add(SimNet.config(copy, List.of(SimNet.bootstrap(SimNet.identity("5000"))),
                    c -> c.toBuilder().noAnswerWarning(Duration.ofSeconds(10)).build()));
            net.runFor(Duration.ofSeconds(11));
            assertThat(log.at(Level.INFO, "refusing a HELLO")).as("logged once, though greeted again and again")
                    .containsExactly("[5000] refusing a HELLO as 5001 from 10.0.0.10:5009: that peer is alive at "
                            + original.endpoint);
            assertThat(log.at(Level.WARN, "no peer has answered")).singleElement().asString()
                    .startsWith("[5001] no peer has answered 10 s after start (tried 5000 at 10.0.0.1:5000)");
        }
    }

    @Test
    void somePeersSilentAtStartIsOneInfoLineNotAWarning() {
        SimNet net = new SimNet(63);
        net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        try (LogLines log = new LogLines(P2pEngine.class)) {
            net.add(SimNet.config(SimNet.identity("5001"), List.of(SimNet.bootstrap(SimNet.identity("5000")),
                    SimNet.bootstrap(SimNet.identity("5002"))), c -> c));
            net.runFor(Duration.ofSeconds(31));
            assertThat(log.at(Level.WARN, "")).isEmpty();
            assertThat(log.at(Level.INFO, "tried at start")).containsExactly(
                    "[5001] 1 of the 2 peers tried at start have not answered in 30 s: 5002 at 10.0.0.3:5002");
        }
    }

    @Test
    void anAddedAddressThatNeverAnswersIsNamedOnceAndOneThatAnswersIsNot() {
        SimNet net = new SimNet(64);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        SimNode other = net.add(SimNet.config(SimNet.identity("5001"), List.of(), c -> c));
        try (LogLines log = new LogLines(P2pEngine.class)) {
            node.engine.addPeer(SimNet.endpointOf("5005"));
            node.engine.addPeer(other.endpoint);
            net.runFor(Duration.ofSeconds(29));
            assertThat(log.containing("has not answered")).isEmpty();
            net.runFor(Duration.ofMinutes(5));
            assertThat(log.containing("has not answered")).containsExactly("[5000] 10.0.0.6:5005 (added with addpeer "
                    + "/ POST /peers) has not answered in 30 s: is a node listening there, and does it take this one?");
            assertThat(log.at(Level.WARN, "")).as("a node without bootstrap peers has nothing to warn of").isEmpty();
        }
    }
}
