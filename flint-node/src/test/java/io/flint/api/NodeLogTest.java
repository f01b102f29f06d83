package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flint.api.EventsApiTest.EventStream;
import io.flint.chain.BlockOutcome;
import io.flint.chain.TestChainBuilder;
import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.mining.Miner;
import io.flint.node.FlintNode;
import io.flint.p2p.P2pEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a node's log tells a researcher (docs/api.md "Logs"): when it got each peer it already
 * knew, and which blocks it mined, in one line a block, connected or disconnected.
 */
class NodeLogTest {
    @TempDir
    Path dir;

    @Test
    void aBootstrapPeerIsLoggedWhenItAnswersAndAMinedBlockOnceAsMinedHere() throws Exception {
        Logger nodeLog = (Logger) LoggerFactory.getLogger(FlintNode.class);
        Logger p2pLog = (Logger) LoggerFactory.getLogger(P2pEngine.class);
        Logger minerLog = (Logger) LoggerFactory.getLogger(Miner.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        nodeLog.addAppender(lines);
        p2pLog.addAppender(lines);
        minerLog.addAppender(lines);
        try (ApiNode alpha = new ApiNode("alpha", dir.resolve("a"), ApiOptions.DEFAULTS);
                ApiNode bravo = new ApiNode("bravo", dir.resolve("b"), ApiOptions.DEFAULTS, List.of(alpha.asPeer()));
                ApiNode charlie = new ApiNode("charlie", dir.resolve("c"), ApiOptions.DEFAULTS, List.of(alpha.asPeer()), 0,
                        settings -> settings.light = true)) {
            // bravo knew alpha before it spoke (a bootstrap peer): its first HELLO is logged
            await().atMost(Duration.ofSeconds(30)).until(() -> messages(lines).stream()
                    .anyMatch(m -> m.startsWith("[bravo] peer alpha answered (")));
            await().atMost(Duration.ofSeconds(30)).until(() -> messages(lines).stream()
                    .anyMatch(m -> m.startsWith("[charlie] peer alpha answered (")));
            String hash;
            try (EventStream bravoEvents = new EventStream(bravo)) {
                bravoEvents.next("hello");
                hash = alpha.mine(null).path("hash").asText();
                // which peer sent it, and how: announced (INV, then fetched), or by header sync
                // when a ping's tip got there first
                EventsApiTest.Sse block = bravoEvents.next("block");
                assertThat(block.data().path("hash").asText()).isEqualTo(hash);
                assertThat(block.data().path("from").asText()).isEqualTo("alpha");
                assertThat(block.data().path("via").asText()).isIn("inv", "sync");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> bravo.node.chain().height() == 1);
            List<String> connected = messages(lines).stream().filter(m -> m.contains(hash + " connected:")).toList();
            assertThat(connected).as("the miner's line and the receiver's").hasSize(2);
            assertThat(connected).filteredOn(m -> m.endsWith(", mined here")).hasSize(1);
            assertThat(connected).filteredOn(m -> m.matches(".*, from alpha \\((inv|sync)\\)")).hasSize(1);
            // a light node connects no blocks: its chain grows by headers, and its log says so
            await().atMost(Duration.ofSeconds(30)).until(() -> messages(lines).contains(
                    "header 1 " + hash + " is the best header now (from alpha)"));
            synchronized (lines) {
                assertThat(lines.list).as("the miner's own line is DEBUG now")
                        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.INFO)
                                && e.getFormattedMessage().startsWith("mined block"));
            }
        } finally {
            nodeLog.detachAppender(lines);
            p2pLog.detachAppender(lines);
            minerLog.detachAppender(lines);
        }
    }

    /**
     * A reorganisation that takes off blocks this node mined says so for each of them, in the log
     * line and in the {@code block-disconnected} event: a miner sees which rewards it lost.
     */
    @Test
    void aReorganisationSaysWhichOfTheDisconnectedBlocksWereMinedHere() throws Exception {
        Logger nodeLog = (Logger) LoggerFactory.getLogger(FlintNode.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        nodeLog.addAppender(lines);
        try (ApiNode n = new ApiNode("miner", dir.resolve("m"), ApiOptions.DEFAULTS)) {
            n.mine(3);
            Hash two = n.node.chain().blockAt(2).orElseThrow().hash();
            Hash three = n.node.chain().blockAt(3).orElseThrow().hash();
            TestChainBuilder builder = new TestChainBuilder(NetworkParams.REGTEST);
            // block 4 from elsewhere, then a longer branch on block 1: 4, 3 and 2 go, two of them mined here
            Block four = builder.nextBlock(n.node.chain().blockAt(3).orElseThrow()).mine();
            assertThat(submit(n, four)).isInstanceOf(BlockOutcome.Connected.class);
            List<Block> winner = builder.extend(n.node.chain().blockAt(1).orElseThrow(), 4);
            try (EventStream events = new EventStream(n)) {
                events.next("hello");
                winner.forEach(b -> submit(n, b));
                for (Hash expected : List.of(four.hash(), three, two)) {
                    EventsApiTest.Sse gone = events.next("block-disconnected");
                    assertThat(gone.data().path("hash").asText()).isEqualTo(expected.toString());
                    assertThat(gone.data().path("mined_here").isBoolean()).isTrue();
                    assertThat(gone.data().path("mined_here").asBoolean()).as("block %s", expected)
                            .isEqualTo(!expected.equals(four.hash()));
                }
            }
            assertThat(messages(lines)).contains("block 4 " + four.hash() + " disconnected",
                    "block 3 " + three + " disconnected, mined here", "block 2 " + two + " disconnected, mined here");
        } finally {
            nodeLog.detachAppender(lines);
        }
    }

    private static BlockOutcome submit(ApiNode n, Block b) {
        return n.node.loop().call(() -> n.node.chain().submitBlock(b), Duration.ofSeconds(10));
    }

    private static List<String> messages(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
