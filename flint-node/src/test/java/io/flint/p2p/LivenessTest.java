package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.flint.core.NetworkParams;
import io.flint.net.memory.LinkConditions;
import io.flint.p2p.message.Message;
import io.flint.p2p.snapshot.PeerSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** HELLO on start, PING/PONG with RTT, ALIVE/UNREACHABLE, expiry, no reconnect storm, genesis check. */
class LivenessTest {

    private static PeerSnapshot peer(SimNode at, String id) {
        return at.engine.snapshot().peers().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    /** The timestamp of the last PING {@code peer} received. */
    private static long lastPingTimestamp(RawPeer peer) {
        String ping = peer.received.stream().filter(m -> m.contains("\"type\":\"PING\"")).reduce((a, b) -> b)
                .orElseThrow();
        Matcher m = Pattern.compile("\"timestamp\":(\\d+)").matcher(ping);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void onlyAPongEchoingAPingThisNodeSentMeasuresRtt() {
        SimNet net = new SimNet(4);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer peer = new RawPeer(net, "6682", 8 * 1024 * 1024);
        peer.hello(node.endpoint);
        net.runFor(Duration.ofMillis(500));
        long pinged = lastPingTimestamp(peer);

        // a timestamp this node never sent (an outside tool's PONG showed an RTT of 57 years)
        peer.send(node.endpoint, new Message.Pong(1, null, List.of()));
        peer.send(node.endpoint, new Message.Pong(pinged - 1, null, List.of()));
        net.runFor(Duration.ofMillis(100));
        assertThat(node.engine.snapshot().latency()).doesNotContainKey("6682");
        assertThat(node.events).noneMatch(P2pEvent.RttMeasured.class::isInstance);

        peer.send(node.endpoint, new Message.Pong(pinged, null, List.of()));
        net.runFor(Duration.ofMillis(100));
        double rtt = node.engine.snapshot().latency().get("6682");
        assertThat(rtt).isBetween(1.0, 1000.0);
        // an answered ping measures once: a replay later is no measure
        net.runFor(Duration.ofSeconds(2));
        peer.send(node.endpoint, new Message.Pong(pinged, null, List.of()));
        net.runFor(Duration.ofMillis(100));
        assertThat(node.engine.snapshot().latency()).containsEntry("6682", rtt);
    }

    @Test
    void aPeerLearnedFromNewPeerIsGreetedOnceNotAgainAtTheNextTick() {
        SimNet net = new SimNet(3);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c));
        RawPeer newcomer = new RawPeer(net, "6680", 8 * 1024 * 1024);
        RawPeer teller = new RawPeer(net, "6681", 8 * 1024 * 1024);
        // news of peers is taken from known peers only
        teller.hello(node.endpoint);
        teller.send(node.endpoint, new io.flint.p2p.message.Message.NewPeer("6680", newcomer.endpoint.host(),
                newcomer.endpoint.port(), io.flint.p2p.message.PeerFlags.NONE));
        // well past the first liveness tick, short of a ping interval (5 s), when a silent peer is greeted again
        net.runFor(Duration.ofSeconds(3));
        assertThat(newcomer.received).filteredOn(m -> m.contains("\"type\":\"HELLO\"")).hasSize(1);
        assertThat(newcomer.received).filteredOn(m -> m.contains("\"type\":\"PING\"")).isNotEmpty();
    }

    @Test
    void helloOnStartTellsFlagsAddressAndHeightAndPingsMeasureRtt() {
        SimNet net = new SimNet(2);
        net.network.setDefaultConditions(LinkConditions.PERFECT.withLatency(Duration.ofMillis(25)));
        NodeIdentity a = SimNet.identity("5000");
        NodeIdentity b = SimNet.identity("5001").withPayoutAddress("1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
                .withLight(true);
        NodeIdentity c = SimNet.identity("5002").withMode(Mode.MALICIOUS);
        List<NodeIdentity> all = List.of(a, b, c);
        net.mesh(all, cfg -> cfg);
        net.runFor(Duration.ofSeconds(1));
        SimNode na = net.node("5000");
        PeerSnapshot pb = peer(na, "5001");
        assertThat(pb.status()).isEqualTo("ALIVE");
        assertThat(pb.light()).isTrue();
        assertThat(pb.address()).isEqualTo("1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
        assertThat(pb.rttMs()).isEqualTo(50.0);
        assertThat(peer(na, "5002").mode()).isEqualTo("malicious");
        assertThat(na.engine.snapshot().latency()).containsEntry("5001", 50.0).containsEntry("5002", 50.0);
    }

    /**
     * A loopback round trip is a fraction of a millisecond: measured with the node's clock, not
     * from PING's whole-ms timestamp (which showed 0 or 1 for every peer on loopback).
     */
    @Test
    void rttIsMeasuredBelowAMillisecond() {
        SimNet net = new SimNet(2);
        net.network.setDefaultConditions(LinkConditions.PERFECT.withLatency(Duration.ofNanos(150_000)));
        net.mesh(List.of(SimNet.identity("5000"), SimNet.identity("5001")), cfg -> cfg);
        net.runFor(Duration.ofSeconds(1));
        assertThat(peer(net.node("5000"), "5001").rttMs()).isEqualTo(0.3);
        assertThat(net.node("5000").engine.snapshot().latency()).containsEntry("5001", 0.3);
    }

    @Test
    void anHttpPortBoundAfterStartReachesEveryPeer() {
        // an API asked for "any free port" binds after the engine said HELLO with port 0
        SimNet net = new SimNet(4);
        net.mesh(List.of(SimNet.identity("5000"), SimNet.identity("5001"), SimNet.identity("5002")), cfg -> cfg);
        net.runFor(Duration.ofSeconds(1));
        assertThat(peer(net.node("5001"), "5000").httpPort()).isZero();
        net.node("5000").engine.advertiseHttpPort(43_210);
        net.runFor(Duration.ofSeconds(1));
        assertThat(peer(net.node("5001"), "5000").httpPort()).isEqualTo(43_210);
        assertThat(peer(net.node("5002"), "5000").httpPort()).isEqualTo(43_210);
    }

    @Test
    void aCrashedPeerBecomesUnreachableThenIsForgottenWithoutAPingStorm() {
        SimNet net = new SimNet(3);
        // b is not a bootstrap peer of a: a learns it from its HELLO, so a may forget it
        List<SimNode> pair = net.pairWhereSecondKnowsFirst(SimNet.identity("5000"), SimNet.identity("5001"));
        SimNode na = pair.get(0);
        SimNode nb = pair.get(1);
        net.runFor(Duration.ofSeconds(2));
        assertThat(peer(na, "5001").status()).isEqualTo("ALIVE");

        net.crash(nb);
        long crashedAt = net.scheduler.now().toEpochMilli();
        assertThat(net.runUntil(() -> "UNREACHABLE".equals(peer(na, "5001").status()), Duration.ofSeconds(30)))
                .isTrue();
        long detected = net.scheduler.now().toEpochMilli() - crashedAt;
        // timeout 15 s after the last message heard, which came at most one ping interval before the crash
        assertThat(detected).isBetween(10_000L, 16_000L);
        assertThat(na.countEvents(P2pEvent.PeerUnreachable.class)).isEqualTo(1);
        // the event says how long the peer was silent (the /events stream's silent_ms), past the 15 s timeout
        assertThat(na.events).filteredOn(P2pEvent.PeerUnreachable.class::isInstance)
                .map(e -> ((P2pEvent.PeerUnreachable) e).silentMs()).singleElement()
                .satisfies(ms -> assertThat(ms).isGreaterThan(15_000L).isLessThan(17_000L));

        long pingsBefore = na.engine.snapshot().counters().sent().getOrDefault("PING", 0L);
        assertThat(net.runUntil(() -> peer(na, "5001") == null, Duration.ofSeconds(90))).isTrue();
        long pingsWhileSilent = na.engine.snapshot().counters().sent().getOrDefault("PING", 0L) - pingsBefore;
        // 60 s of silence at a fixed 5 s interval would be 12 pings; the backoff makes it a handful
        assertThat(pingsWhileSilent).isLessThanOrEqualTo(5);
        assertThat(na.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(P2pEvent.PeerLeft.class,
                l -> assertThat(l.reason()).isEqualTo("expired")));
    }

    @Test
    void aNodeThatWasPausedSaysSoAndBlamesNoPeerForItsOwnSilence() {
        SimNet net = new SimNet(12);
        List<SimNode> mesh = net.mesh(SimNet.ids(5000, 3), cfg -> cfg);
        SimNode frozen = mesh.get(2);
        net.runFor(Duration.ofSeconds(3));
        try (LogLines log = new LogLines(P2pEngine.class)) {
            // kill -STOP for 25 s, longer than the 15 s peer timeout; 5001 really dies meanwhile
            net.pause(frozen, Duration.ofSeconds(25));
            net.runFor(Duration.ofSeconds(5));
            net.crash(mesh.get(1));
            net.runFor(Duration.ofSeconds(20));
            assertThat(log.at(Level.WARN, "")).containsExactly("[5002] the node was paused for 25 s (process stopped, "
                    + "long GC or an overloaded machine): peers' silence during it is not theirs");
            net.runFor(Duration.ofSeconds(30));
            assertThat(log.containing("[5002] peer")).as("5000 answered all along; 5001 died, found out a timeout later")
                    .singleElement().asString().startsWith("[5002] peer 5001 is UNREACHABLE (150");
            assertThat(frozen.countEvents(P2pEvent.PeerAlive.class)).isZero();
            assertThat(log.containing("[5000] peer 5002 is")).as("its peers saw it silent, rightly")
                    .satisfiesExactly(m -> assertThat(m).startsWith("[5000] peer 5002 is UNREACHABLE"),
                            m -> assertThat(m).startsWith("[5000] peer 5002 is ALIVE again"));
        }
    }

    @Test
    void aBootstrapPeerIsKeptWhileDownAndGreetedAgainWhenBack() {
        SimNet net = new SimNet(4);
        List<NodeIdentity> all = SimNet.ids(5000, 2);
        NodeIdentity b = all.get(1);
        List<SimNode> pair = net.mesh(all, cfg -> cfg);
        SimNode na = pair.get(0);
        SimNode nb = pair.get(1);
        net.runFor(Duration.ofSeconds(2));
        net.crash(nb);
        net.runFor(Duration.ofSeconds(120));
        assertThat(peer(na, "5001").status()).isEqualTo("UNREACHABLE");
        net.revive("5001");
        net.add(SimNet.config(b, SimNet.bootstrapFor("5001", all), cfg -> cfg));
        assertThat(net.runUntil(() -> "ALIVE".equals(peer(na, "5001").status()), Duration.ofSeconds(70))).isTrue();
        // whoever was told it went is told it came back, once
        assertThat(na.countEvents(P2pEvent.PeerUnreachable.class)).isEqualTo(1);
        assertThat(na.countEvents(P2pEvent.PeerAlive.class)).isEqualTo(1);
        P2pEvent.PeerAlive back = na.events.stream().filter(P2pEvent.PeerAlive.class::isInstance)
                .map(P2pEvent.PeerAlive.class::cast).findFirst().orElseThrow();
        assertThat(back.peerId()).isEqualTo("5001");
        assertThat(back.silentMs()).isGreaterThan(120_000);
    }

    @Test
    void aPeerWithAnotherGenesisIsRefused() {
        SimNet net = new SimNet(5);
        NodeIdentity a = SimNet.identity("5000");
        NodeIdentity b = SimNet.identity("5001");
        SimNode na = net.add(SimNet.config(a, List.of(), cfg -> cfg));
        SimNode nb = net.add(SimNet.config(b, List.of(SimNet.bootstrap(a)), cfg -> cfg), null, NetworkParams.DEMO);
        net.runFor(Duration.ofSeconds(10));
        assertThat(na.engine.snapshot().peers()).isEmpty();
        assertThat(na.engine.snapshot().counters().dropped()).containsKey("wrong_genesis");
        assertThat(peer(nb, "5000").status()).isEqualTo("UNREACHABLE");
    }

    @Test
    void addPeerGreetsAnEndpointAndThePublishedSnapshotShowsIt() {
        SimNet net = new SimNet(6);
        SimNode a = net.add(SimNet.config(SimNet.identity("5000"), List.of(), cfg -> cfg));
        SimNode b = net.add(SimNet.config(SimNet.identity("5001"), List.of(), cfg -> cfg));
        a.engine.addPeer(b.endpoint);
        net.runFor(Duration.ofSeconds(2));
        assertThat(a.engine.published().peers()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("5001");
            assertThat(p.status()).isEqualTo("ALIVE");
        });
        assertThat(b.engine.published().peers()).extracting(PeerSnapshot::id).containsExactly("5000");
        assertThat(a.engine.published().at()).isAfter(SimNet.START);
    }

    @Test
    void aCrashedPeerIsForgottenByEveryPeerAndNotLearnedBackFromTheirPeerLists() {
        SimNet net = new SimNet(7);
        // 5000 forgets a silent peer sooner than the others: they still list d as UNREACHABLE
        // when 5000 asks them GET_PEERS again, as survivors that noticed at different moments do
        List<SimNode> mesh = net.mesh(SimNet.ids(5000, 4), cfg -> cfg.identity().id().equals("5000")
                ? cfg.toBuilder().dynamic(true).peerExpiry(Duration.ofSeconds(10)).build() : cfg.withDynamic(true));
        // d knows only 5000; the others learn it from NEW_PEER, so every one of them may forget it
        SimNode d = net.add(SimNet.config(SimNet.identity("5009"), List.of(SimNet.bootstrap(SimNet.identity("5000"))),
                cfg -> cfg.withDynamic(true)));
        assertThat(net.runUntil(() -> mesh.stream().allMatch(n -> peer(n, "5009") != null), Duration.ofSeconds(10)))
                .isTrue();

        net.crash(d);
        mesh.forEach(n -> n.events.clear());
        // one that still lists d as UNREACHABLE must not hand it back to one that has forgotten it
        net.runFor(Duration.ofMinutes(4));

        for (SimNode n : mesh) {
            assertThat(peer(n, "5009")).as("d in the table of %s", n.id).isNull();
            assertThat(n.events.stream().filter(P2pEvent.PeerJoined.class::isInstance).map(P2pEvent.PeerJoined.class::cast)
                    .map(P2pEvent.PeerJoined::peerId)).as("joins heard by %s after the crash", n.id).doesNotContain("5009");
        }
    }

    @Test
    void aPeerRestartedRightAfterACrashIsAnsweredThoughItsOldSelfWasGreeted() {
        SimNet net = new SimNet(11);
        List<SimNode> pair = net.pairWhereSecondKnowsFirst(SimNet.identity("5000"), SimNet.identity("5001"));
        SimNode a = pair.get(0);
        net.runFor(Duration.ofSeconds(2));
        assertThat(peer(a, "5001").status()).isEqualTo("ALIVE");

        // kill -9 and an immediate restart under the same id, with no peer table, knowing 5000
        // only by address (--peers): 5000 still sees the old 5001 ALIVE and has greeted it
        net.crash(pair.get(1));
        net.revive("5001");
        SimNode restarted = net.add(SimNet.config(SimNet.identity("5001"), List.of(), cfg -> cfg));
        restarted.engine.addPeer(SimNet.endpointOf("5000"));

        assertThat(net.runUntil(() -> peer(restarted, "5000") != null && "ALIVE".equals(peer(restarted, "5000").status()),
                Duration.ofSeconds(5))).as("the restarted node meets 5000 at once").isTrue();
    }
}
