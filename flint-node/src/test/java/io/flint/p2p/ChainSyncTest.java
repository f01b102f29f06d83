package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.flint.chain.TestChainBuilder;
import io.flint.chain.store.Column;
import io.flint.chain.store.StoreBatch;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.p2p.message.Message;
import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.snapshot.SyncProgress;
import io.flint.p2p.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Headers-first sync, parallel block download, orphans, competing tips, light header chains. */
class ChainSyncTest {
    private static final int LENGTH = 250;

    private static List<Block> chainOf(int n) {
        TestChainBuilder builder = new TestChainBuilder(SimNet.PARAMS);
        return builder.extend(SimNet.PARAMS.genesis(), n);
    }

    /**
     * A server 5002 holding some blocks, a raw peer 5001 that only ever says HELLO with a height
     * it claims (it never answers a request), and a joiner 5003 with both as bootstrap peers.
     */
    private static final class WithClaimer {
        final SimNet net;
        final RawPeer claimer;
        final SimNode joiner;
        private long nextHello;

        WithClaimer(long seed, int blocks) {
            net = new SimNet(seed);
            NodeIdentity serverId = SimNet.identity("5002");
            net.add(SimNet.config(serverId, List.of(), c -> c), chainOf(blocks));
            claimer = new RawPeer(net, "5001", 1 << 20);
            joiner = net.add(SimNet.config(SimNet.identity("5003"),
                    List.of(new PeerRecord("5001", claimer.endpoint, PeerFlags.NONE, true), SimNet.bootstrap(serverId)),
                    c -> c));
        }

        /** The claimer's HELLO, if two simulated seconds passed since its last. */
        void claimEveryTwoSeconds(long height) {
            long now = net.scheduler.now().toEpochMilli();
            if (now >= nextHello) {
                nextHello = now + 2_000;
                claimer.send(joiner.endpoint, new Message.Hello(claimer.endpoint.host(), claimer.endpoint.port(),
                        PeerFlags.NONE, SimNet.PARAMS.genesisHash(), height, "", 0, "normal", false));
            }
        }
    }

    /** A chain from genesis, and a rival branch forking at genesis. */
    private record RealAndFork(List<Block> real, List<Block> fork) {}

    private static RealAndFork realAndFork(int realLength, int forkLength) {
        TestChainBuilder builder = new TestChainBuilder(SimNet.PARAMS);
        List<Block> real = builder.extend(SimNet.PARAMS.genesis(), realLength);
        return new RealAndFork(real, rivalFromGenesis(builder, real, forkLength));
    }

    /** The headers of {@code blocks} (from height 1) sent to {@code to} under an id that is no peer's, then one simulated second. */
    private static void headersFromAStranger(SimNet net, SimNode to, List<Block> blocks) {
        RawPeer stranger = new RawPeer(net, "5009", 1 << 20);
        stranger.sendAs(to.endpoint, "anon0",
                new Message.BlockHeaders(1, blocks.stream().map(Block::header).toList(), blocks.size()));
        net.runFor(Duration.ofSeconds(1));
    }

    /** {@code length} blocks of another branch forking at genesis from {@code chain}. */
    private static List<Block> rivalFromGenesis(TestChainBuilder builder, List<Block> chain, int length) {
        Block genesis = SimNet.PARAMS.genesis();
        Block first = builder.nextBlock(genesis).time(chain.get(0).header().timestamp() + 1).mine();
        List<Block> rival = new ArrayList<>(List.of(first));
        rival.addAll(builder.extend(first, length - 1));
        return rival;
    }

    /** Three full nodes that already hold {@code blocks}. */
    private static SimNet serversWith(long seed, List<Block> blocks, List<NodeIdentity> ids) {
        SimNet net = new SimNet(seed);
        net.mesh(ids, c -> c, blocks);
        net.runFor(Duration.ofSeconds(1));
        return net;
    }

    private static List<NodeIdentity> servers() {
        return SimNet.ids(5000, 3);
    }

    @Test
    void aLateJoinerSyncsHeadersInBatchesThenBlocksFromSeveralPeers() {
        List<Block> blocks = chainOf(LENGTH);
        List<NodeIdentity> ids = servers();
        SimNet net = serversWith(21, blocks, ids);
        NodeIdentity joinerId = SimNet.identity("5011");
        SimNode joiner = net.add(SimNet.config(joinerId, ids.stream().map(SimNet::bootstrap).toList(),
                c -> c.withDynamic(true)));
        Set<SyncProgress.Phase> phases = EnumSet.noneOf(SyncProgress.Phase.class);
        boolean synced = net.runUntil(() -> {
            phases.add(joiner.engine.syncProgress().phase());
            return joiner.chain.height() == LENGTH;
        }, Duration.ofSeconds(60));
        assertThat(synced).isTrue();
        assertThat(joiner.chain.tip().hash()).isEqualTo(blocks.get(LENGTH - 1).hash());
        assertThat(phases).contains(SyncProgress.Phase.BLOCKS);
        net.runFor(Duration.ofSeconds(1));
        SyncProgress done = joiner.engine.syncProgress();
        assertThat(done.phase()).isEqualTo(SyncProgress.Phase.IDLE);
        assertThat(done.synced()).isTrue();
        assertThat(done.height()).isEqualTo(LENGTH);
        assertThat(done.downloaded()).isEqualTo(LENGTH);
        // 250 headers need 3 batches of at most 100
        assertThat(joiner.engine.snapshot().counters().sent().get("GET_BLOCK_HEADERS")).isGreaterThanOrEqualTo(3);
        // blocks came from more than one peer
        long servingPeers = ids.stream().filter(id -> net.node(id.id()).engine.snapshot().counters().received()
                .getOrDefault("GETBLOCK", 0L) > 0).count();
        assertThat(servingPeers).isGreaterThanOrEqualTo(2);
    }

    /**
     * A tester's node synced from one peer whose chain store had lost block 1147 and sat at 1146
     * for minutes with nothing in its log. Now the block download cannot get past is named, in
     * the log, {@code /status} and the readiness reason, until a peer that has it serves it.
     */
    @Test
    void aBlockNoPeerDeliversIsNamedUntilAPeerThatHasItServesIt() {
        List<Block> blocks = chainOf(12);
        SimNet net = new SimNet(51);
        NodeIdentity damagedId = SimNet.identity("5002");
        SimNode damaged = net.add(SimNet.config(damagedId, List.of(), c -> c), blocks);
        Block lost = blocks.get(6);
        damaged.store.write(new StoreBatch().delete(Column.BLOCKS, lost.hash().toBytes()));
        NodeIdentity joinerId = SimNet.identity("5003");
        SimNode joiner = net.add(SimNet.config(joinerId, List.of(SimNet.bootstrap(damagedId)), c -> c));
        ch.qos.logback.classic.Logger syncLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ChainSync.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        syncLog.addAppender(logged);
        try {
            boolean stalled = net.runUntil(() -> joiner.engine.syncProgress().stall().isPresent(), Duration.ofSeconds(120));
            assertThat(stalled).as("the stall is named").isTrue();
            net.runFor(Duration.ofSeconds(60));
            assertThat(joiner.chain.height()).isEqualTo(6);
            SyncProgress.Stall stall = joiner.engine.syncProgress().stall().orElseThrow();
            assertThat(stall.height()).isEqualTo(7);
            assertThat(stall.hash()).isEqualTo(lost.hash().toString());
            assertThat(stall.peers()).containsExactly("5002");
            assertThat(stall.requests()).isGreaterThan(ChainSync.STALL_REQUESTS);
            // said once when it started, not at every retry
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .startsWith("[5003] block 7 (…" + lost.hash().toString().substring(56) + ") not delivered after "
                            + ChainSync.STALL_REQUESTS + " requests to 5002; download cannot go past it");

            // a peer that has the block: download goes on past it, and says so
            net.add(SimNet.config(SimNet.identity("5004"), List.of(SimNet.bootstrap(joinerId)), c -> c), blocks);
            boolean synced = net.runUntil(() -> joiner.chain.height() == 12, Duration.ofSeconds(120));
            assertThat(synced).isTrue();
            net.runFor(Duration.ofSeconds(1));
            assertThat(joiner.engine.syncProgress().stall()).isEmpty();
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.INFO)
                    .extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith(
                            "[5003] download went on past block 7"));
        } finally {
            syncLog.detachAppender(logged);
        }
    }

    @Test
    void aPeerThatClaimsBlocksItNeverSendsIsNotAskedForThemAgainAndAgain() {
        // a peer that says it is at height 10 (like a node still downloading what it announced)
        // and keeps talking, but never answers a request
        WithClaimer w = new WithClaimer(41, 10);
        SimNode joiner = w.joiner;
        boolean synced = w.net.runUntil(() -> {
            w.claimEveryTwoSeconds(10);
            return joiner.chain.height() == 10;
        }, Duration.ofSeconds(60));
        assertThat(synced).as("synced from the server once a request to the claimer timed out").isTrue();
        assertThat(joiner.engine.snapshot().peers()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("5001");
            assertThat(p.status()).as("the claimer stayed ALIVE all along").isEqualTo("ALIVE");
        });
    }

    /**
     * Three nodes on a lighter branch of 300 blocks; one of them learns of a node holding a heavier
     * branch of 600 that forks at genesis. Its two neighbours are higher than most of the heavier
     * branch's blocks but do not have them: the joiner must ask only the holder, even while the
     * holder has no room for more requests, instead of stalling a request timeout (5 s) at a time.
     */
    @Test
    void blocksOfAnotherBranchAreAskedOnlyOfThePeerThatHasThem() {
        TestChainBuilder builder = new TestChainBuilder(SimNet.PARAMS);
        List<Block> heavier = builder.extend(SimNet.PARAMS.genesis(), 600);
        List<Block> lighter = rivalFromGenesis(builder, heavier, 300);
        Block otherFirst = lighter.get(0);
        SimNet net = new SimNet(43);
        List<SimNode> onLighter = net.mesh(SimNet.ids(5001, 3), c -> c, lighter);
        net.runFor(Duration.ofSeconds(6));
        SimNode holder = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c), heavier);
        SimNode joiner = onLighter.get(2);
        Map<String, Long> askedBefore = new HashMap<>();
        for (SimNode n : onLighter.subList(0, 2)) {
            askedBefore.put(n.id, n.engine.snapshot().counters().received().getOrDefault("GETBLOCK", 0L));
        }

        joiner.engine.addPeer(holder.endpoint);
        long start = net.scheduler.now().toEpochMilli();
        boolean switched = net.runUntil(() -> joiner.chain.tip().hash().equals(heavier.get(599).hash()),
                Duration.ofSeconds(60));
        long took = net.scheduler.now().toEpochMilli() - start;

        assertThat(switched).as("the joiner switched to the heavier branch").isTrue();
        // virtual time of the simulation, not the machine's clock: no request may have timed out
        assertThat(took).as("ms of simulated time to download 600 blocks").isLessThan(
                SimNet.config(joiner.engine.config().identity(), List.of(), c -> c).requestTimeout().toMillis());
        for (SimNode n : onLighter.subList(0, 2)) {
            if (n.chain.blockAt(1).orElseThrow().hash().equals(otherFirst.hash())) {
                // still on the lighter branch, so it could not have served any: nobody asked it
                assertThat(n.engine.snapshot().counters().received().getOrDefault("GETBLOCK", 0L))
                        .as("GETBLOCKs received by %s, which does not have the heavier branch", n.id)
                        .isEqualTo(askedBefore.get(n.id));
            }
        }
    }

    /**
     * Anyone may send headers, and on a test network proof of work is cheap: a stranger's header
     * chain with more work than the network's, whose blocks nobody has, became the node's best
     * header. A joiner then downloaded only toward it, so it stopped below its peers' tip for good
     * and was never ready. Download follows the best branch a live peer serves instead.
     */
    @Test
    void headersWithMoreWorkThatNobodyServesDoNotStopSyncFromThePeersThatHaveTheChain() {
        RealAndFork chains = realAndFork(60, 100);
        List<Block> real = chains.real();
        List<Block> fake = chains.fork();
        SimNet net = new SimNet(45);
        net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c), real);
        SimNode joiner = net.add(SimNet.config(SimNet.identity("5001"), List.of(), c -> c));
        headersFromAStranger(net, joiner, fake);
        assertThat(joiner.chain.bestHeader().hash()).as("the stranger's headers are the best header chain")
                .isEqualTo(fake.get(99).hash());

        joiner.engine.addPeer(net.node("5000").endpoint);
        boolean synced = net.runUntil(() -> joiner.chain.tip().hash().equals(real.get(59).hash()),
                Duration.ofSeconds(60));

        assertThat(synced).as("synced the server's 60 blocks").isTrue();
        net.runFor(Duration.ofSeconds(2));
        SyncProgress progress = joiner.engine.syncProgress();
        assertThat(progress.bestKnownHeight()).as("the unserved header chain's height does not count").isEqualTo(60);
        assertThat(progress.synced()).isTrue();
    }

    /**
     * Headers nobody asked for that would not overtake the node's chain are not stored: a
     * stranger sending thousands of cheap low-work forks filled the header tree. Headers that do
     * overtake it still are (the test above), and so is anything the header-sync peer sends.
     */
    @Test
    void unaskedHeadersOfABranchWithLessWorkThanOurChainAreNotStored() {
        RealAndFork chains = realAndFork(150, 100);
        List<Block> real = chains.real();
        List<Block> fork = chains.fork();
        SimNet net = new SimNet(47);
        SimNode node = net.add(SimNet.config(SimNet.identity("5000"), List.of(), c -> c), real);

        headersFromAStranger(net, node, fork);

        assertThat(node.chain.headerInfo(fork.get(0).hash())).as("the fork's first header").isEmpty();
        assertThat(node.chain.headerInfo(fork.get(99).hash())).isEmpty();
        assertThat(node.engine.snapshot().counters().dropped()).containsEntry("low_work_headers", 1L);
        assertThat(node.chain.tip().hash()).isEqualTo(real.get(149).hash());
    }

    /**
     * A peer claiming a height it never shows headers for (HELLO says 2^32 - 1, again and again):
     * once a header request to it times out, its claim no longer counts, so the node is ready at
     * its real peers' tip; before, it stayed "syncing" for as long as the liar lived.
     */
    @Test
    void aClaimedHeightThatAHeaderSyncDoesNotBearOutStopsCountingTowardReadiness() {
        WithClaimer w = new WithClaimer(46, 10);
        SimNode joiner = w.joiner;
        List<Boolean> readiness = new ArrayList<>();
        long start = w.net.scheduler.now().toEpochMilli();
        w.net.runUntil(() -> {
            long now = w.net.scheduler.now().toEpochMilli() - start;
            w.claimEveryTwoSeconds(4_294_967_295L);
            if (now >= 20_000) {
                readiness.add(joiner.engine.syncProgress().synced());
            }
            return now >= 40_000;
        }, Duration.ofSeconds(60));

        assertThat(joiner.chain.height()).isEqualTo(10);
        assertThat(joiner.engine.snapshot().peers()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("5001");
            assertThat(p.status()).as("the liar stayed ALIVE all along").isEqualTo("ALIVE");
        });
        assertThat(readiness).as("synced at every step from 20 s on, while the liar kept claiming").isNotEmpty()
                .containsOnly(true);
        assertThat(joiner.engine.syncProgress().bestKnownHeight()).isEqualTo(10);
    }

    /**
     * A node catching up asks one peer for far more blocks a second than its inbound limit lets a
     * peer send unasked (here 20/s, burst 40): the blocks and headers it asked for are not counted
     * there, so the peer serving the chain is neither dropped nor charged nor banned.
     */
    @Test
    void repliesToOurOwnSyncRequestsDoNotCountAgainstTheServersInboundRate() {
        List<Block> blocks = chainOf(LENGTH);
        SimNet net = new SimNet(44);
        NodeIdentity serverId = SimNet.identity("5000");
        net.add(SimNet.config(serverId, List.of(), c -> c), blocks);
        SimNode joiner = net.add(SimNet.config(SimNet.identity("5001"), List.of(SimNet.bootstrap(serverId)),
                c -> c.withInboundLimit(20, 40)));

        assertThat(net.runUntil(() -> joiner.chain.height() == LENGTH, Duration.ofSeconds(60))).isTrue();

        var counters = joiner.engine.snapshot().counters();
        assertThat(counters.dropped()).doesNotContainKey("inbound_rate");
        assertThat(counters.offences()).isEmpty();
        assertThat(joiner.engine.snapshot().peers()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("5000");
            assertThat(p.status()).isEqualTo("ALIVE");
        });
    }

    /**
     * A node whose only live peer is light (every full peer banned it, as the network does a
     * malicious node) cannot download, but it is not synced either: a researcher's malicious
     * node said "synced" 900 blocks behind its light peer.
     */
    @Test
    void aNodeWithOnlyALightPeerAboveItIsNotSynced() {
        List<Block> blocks = chainOf(20);
        SimNet net = new SimNet(61);
        NodeIdentity serverId = SimNet.identity("5002");
        net.add(SimNet.config(serverId, List.of(), c -> c), blocks);
        NodeIdentity lightId = SimNet.identity("5003").withLight(true);
        SimNode light = net.add(SimNet.config(lightId, List.of(SimNet.bootstrap(serverId)), c -> c));
        assertThat(net.runUntil(() -> light.height() == 20, Duration.ofSeconds(60))).isTrue();
        SimNode isolated = net.add(SimNet.config(SimNet.identity("5004"), List.of(SimNet.bootstrap(lightId)), c -> c));
        assertThat(net.runUntil(() -> isolated.engine.syncProgress().bestKnownHeight() == 20, Duration.ofSeconds(60)))
                .as("its light peer's height counts while no full peer serves it").isTrue();
        SyncProgress progress = isolated.engine.syncProgress();
        assertThat(progress.height()).isZero();
        assertThat(progress.synced()).isFalse();
    }

    @Test
    void aLightJoinerKeepsTheSameHeaderChainAndNoBlocks() {
        List<Block> blocks = chainOf(LENGTH);
        List<NodeIdentity> ids = servers();
        SimNet net = serversWith(22, blocks, ids);
        SimNode light = net.add(SimNet.config(SimNet.identity("5012").withLight(true),
                ids.stream().map(SimNet::bootstrap).toList(), c -> c));
        assertThat(net.runUntil(() -> light.height() == LENGTH, Duration.ofSeconds(60))).isTrue();
        for (Block b : blocks) {
            assertThat(light.chain.headerInfo(b.hash())).as("header %d", b.height()).isPresent();
            assertThat(light.chain.hasBlock(b.hash())).isFalse();
        }
        assertThat(light.engine.snapshot().counters().received()).doesNotContainKeys("BLOCK", "TX");
        // it misses three blocks, then catches up by header sync, which starts a few headers below its
        // tip: what it downloaded is its header chain, each header once, not every copy it was sent
        List<Endpoint> serving = ids.stream().map(id -> net.node(id.id()).endpoint).toList();
        net.network.partition(List.of(light.endpoint), serving);
        for (int i = 0; i < 3; i++) {
            net.mine(net.node(ids.get(0).id()));
            net.runFor(Duration.ofMillis(300));
        }
        net.network.healPartitions();
        light.engine.syncNow();
        assertThat(net.runUntil(() -> light.height() == LENGTH + 3, Duration.ofSeconds(30))).isTrue();
        net.runFor(Duration.ofSeconds(2));
        SyncProgress progress = light.engine.syncProgress();
        assertThat(progress.height()).isEqualTo(LENGTH + 3);
        assertThat(progress.downloaded()).isEqualTo(LENGTH + 3);
        // and it serves that header chain in turn
        ChainStateAccess access = new ChainStateAccess(light.chain, true);
        assertThat(access.headers(100, 199)).extracting(h -> h.hash())
                .containsExactlyElementsOf(blocks.subList(99, 199).stream().map(Block::hash).toList());
    }

    /**
     * Two connected nodes; after {@code settle}, the first mines three blocks while a partition
     * keeps the second from hearing of them, then the partition heals (no ping in between).
     */
    private static List<SimNode> secondMissesThreeBlocks(SimNet net, Duration settle) {
        List<SimNode> pair = net.mesh(SimNet.ids(5000, 2), c -> c);
        net.runFor(settle);
        net.network.partition(List.of(pair.get(0).endpoint), List.of(pair.get(1).endpoint));
        for (int i = 0; i < 3; i++) {
            net.mine(pair.get(0));
            net.runFor(Duration.ofMillis(300));
        }
        net.network.healPartitions();
        return pair;
    }

    @Test
    void anOrphanIsFilledByAskingTheAnnouncerForItsParents() {
        SimNet net = new SimNet(23);
        List<SimNode> pair = secondMissesThreeBlocks(net, Duration.ofSeconds(6));
        SimNode a = pair.get(0);
        SimNode b = pair.get(1);
        Block fourth = net.mine(a);
        // well before the next ping carries the tip, the INV alone brings b up to date
        assertThat(net.runUntil(() -> b.chain.tip().hash().equals(fourth.hash()), Duration.ofMillis(1_500))).isTrue();
        assertThat(b.engine.snapshot().counters().sent().get("GETBLOCK")).isGreaterThanOrEqualTo(2);
        // the paths a study of the slow tail sorts by: the announced block, then its missing parents
        assertThat(b.engine.arrivalOf(fourth.hash())).contains(new BlockArrival("5000", BlockPath.INV));
        for (long h = 1; h <= 3; h++) {
            assertThat(b.engine.arrivalOf(b.chain.blockAt(h).orElseThrow().hash())).as("block %d", h)
                    .contains(new BlockArrival("5000", BlockPath.PARENT));
        }
        assertThat(b.engine.snapshot().counters().blockPaths()).isEqualTo(Map.of("inv", 1L, "parent", 3L));
    }

    @Test
    void aBlockNobodyAskedForIsAPushFromItsSender() {
        SimNet net = new SimNet(26);
        List<SimNode> pair = secondMissesThreeBlocks(net, Duration.ofSeconds(6));
        SimNode b = pair.get(1);
        Block first = pair.get(0).chain.blockAt(1).orElseThrow();
        RawPeer pusher = new RawPeer(net, "5009", 1 << 20);
        pusher.hello(b.endpoint);
        net.runFor(Duration.ofMillis(100));
        pusher.send(b.endpoint, new Message.BlockMsg(first));
        assertThat(net.runUntil(() -> b.chain.height() >= 1, Duration.ofMillis(500))).isTrue();
        assertThat(b.engine.arrivalOf(first.hash())).contains(new BlockArrival("5009", BlockPath.PUSH));
        assertThat(b.engine.snapshot().counters().blockPaths()).containsEntry("push", 1L);
    }

    @Test
    void twoTipsMinedAtOnceConvergeOnTheMostWork() {
        SimNet net = new SimNet(24);
        net.mesh(SimNet.ids(5000, 5), c -> c.withFanout(2));
        net.runFor(Duration.ofSeconds(2));
        SimNode a = net.node("5000");
        SimNode b = net.node("5001");
        Block fromA = net.mine(a);
        Block fromB = net.mine(b);
        assertThat(fromA.hash()).isNotEqualTo(fromB.hash());
        net.runFor(Duration.ofSeconds(12));
        assertThat(net.running()).allSatisfy(n -> assertThat(n.chain.height()).isEqualTo(1));
        // whoever extends first wins: every node ends on that branch, b reorganises if needed
        Block next = net.mine(b);
        assertThat(net.runUntil(() -> net.running().stream().allMatch(n -> n.chain.tip().hash().equals(next.hash())),
                Duration.ofSeconds(20))).isTrue();
        Hash parent = next.header().prevHash();
        assertThat(parent).isEqualTo(fromB.hash());
        assertThat(net.running()).allSatisfy(n -> assertThat(n.chain.blockAt(1).orElseThrow().hash())
                .isEqualTo(fromB.hash()));
    }

    @Test
    void syncNowCatchesUpWithoutWaitingForTheNextPing() {
        SimNet net = new SimNet(25);
        SimNode b = secondMissesThreeBlocks(net, Duration.ofMillis(5_500)).get(1);
        assertThat(b.chain.height()).isZero();
        b.engine.syncNow();
        assertThat(net.runUntil(() -> b.chain.height() == 3, Duration.ofMillis(800))).isTrue();
        for (long h = 1; h <= 3; h++) {
            assertThat(b.engine.arrivalOf(b.chain.blockAt(h).orElseThrow().hash())).as("block %d", h)
                    .contains(new BlockArrival("5000", BlockPath.SYNC));
        }
    }
}
