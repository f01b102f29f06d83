package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flint.api.EventsApiTest.EventStream;
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
 * knew, and which blocks it mined, in one line a block.
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

    private static List<String> messages(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
