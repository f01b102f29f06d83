package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sentences flint demo and flint cluster print. */
class ReportsTest {
    private final NodeEntry node = ClusterRegistryTest.entry(new ClusterDirectory(Path.of("/tmp/c")), "5011", 42,
            Instant.EPOCH);

    @Test
    void aJoinSaysWhoSawItAndWhenItWasSynced() {
        JoinReport r = new JoinReport(node, Duration.ofSeconds(2), 10, 11, Optional.of(Duration.ofMillis(1200)), 42,
                Optional.of(Duration.ofMillis(850)));
        assertThat(r.sentence()).isEqualTo("node 5011 joined: seen by 10 of 11 peers in 1.2 s, synced to height 42 in 850 ms");
        JoinReport unsynced = new JoinReport(node, Duration.ofSeconds(2), 1, 1, Optional.of(Duration.ofMillis(90)), -1,
                Optional.empty());
        assertThat(unsynced.sentence()).isEqualTo("node 5011 joined: seen by 1 of 1 peer in 90 ms, not synced yet");
        JoinReport banned = new JoinReport(node, Duration.ofSeconds(2), 4, 9, Optional.of(Duration.ofMillis(900)), 42,
                Optional.empty(), java.util.Map.of("5002", "invalid block 8c66a9e1...", "5001", "invalid block 8c66a9e1..."));
        assertThat(banned.sentence()).isEqualTo("node 5011 joined: seen by 4 of 9 peers in 900 ms (5001, 5002 ban it: "
                + "invalid block 8c66a9e1...), not synced yet");
        JoinReport blind = new JoinReport(node, Duration.ofSeconds(2), 0, 0, Optional.empty(), -1, Optional.empty());
        assertThat(blind.sentence()).contains("no node answers on its HTTP API");
    }

    @Test
    void aLeaveSaysWhatWasHandedOverAndWhoRemovedIt() {
        LeaveReport r = new LeaveReport(node, "POST /shutdown", true, Duration.ofMillis(1300), Optional.of(7),
                Optional.of(7), 7, 10, 10, Optional.of(Duration.ofMillis(1400)), java.util.Map.of());
        assertThat(r.sentence()).isEqualTo("node 5011 left: 7 transactions handed over (7 of 7 now held by other nodes), "
                + "exited 1.3 s after POST /shutdown, removed by 10 of 10 peers in 1.4 s");
        LeaveReport partly = new LeaveReport(node, "SIGTERM", true, Duration.ofMillis(300), Optional.of(0),
                Optional.of(0), -1, 11, 12, Optional.empty(), java.util.Map.of());
        assertThat(partly.sentence()).isEqualTo("node 5011 left: 0 transactions handed over, exited 300 ms after SIGTERM, "
                + "removed by 11 of 12 peers (the others got no goodbye and drop it after their ping timeout)");
        LeaveReport banned = new LeaveReport(node, "POST /shutdown", true, Duration.ofMillis(300), Optional.of(0),
                Optional.of(0), -1, 10, 12, Optional.empty(),
                java.util.Map.of("5000", "banned by the leaving node: invalid block"));
        assertThat(banned.sentence()).endsWith("removed by 10 of 12 peers; no goodbye reached 5000 (banned by the leaving "
                + "node: invalid block), which drops it after its ping timeout");
        java.util.Map<String, String> two = new java.util.LinkedHashMap<>();
        two.put("5000", "banned by the leaving node");
        two.put("5003", "");
        LeaveReport both = new LeaveReport(node, "SIGTERM", true, Duration.ofMillis(300), Optional.empty(), -1, 9, 11,
                Optional.empty(), two);
        assertThat(both.sentence()).endsWith("removed by 9 of 11 peers; no goodbye reached 5000 (banned by the leaving "
                + "node), 5003, which drop it after their ping timeout");
        LeaveReport quiet = new LeaveReport(node, "SIGTERM", true, Duration.ofMillis(900), Optional.empty(), -1, 0, 0,
                Optional.empty());
        assertThat(quiet.sentence()).isEqualTo("node 5011 left: exited 900 ms after SIGTERM");
        LeaveReport stuck = new LeaveReport(node, "SIGTERM", false, Duration.ofSeconds(30), Optional.empty(), -1, 0, 0,
                Optional.empty());
        // the hint to kill it needs the cluster's directory: the command adds it (ClusterDirectory.command)
        assertThat(stuck.sentence()).isEqualTo("node 5011 did not exit within 30.0 s after SIGTERM");
    }

    /**
     * A tester's remove said "40 transactions handed over" while every receiver's handover event
     * offered 41: the pool had grown between the manager's look and the leave. The count is now
     * the leaver's own; the check of who holds them says which list it checked.
     */
    @Test
    void aLeaveCountsWhatTheLeaverHandedOverNotWhatItsPoolListedBefore() {
        LeaveReport grown = new LeaveReport(node, "POST /shutdown", true, Duration.ofMillis(1300), Optional.of(40),
                Optional.of(41), 40, 10, 10, Optional.empty(), java.util.Map.of());
        assertThat(grown.sentence()).startsWith("node 5011 left: 41 transactions handed over (40 of 40 pooled just "
                + "before now held by other nodes), exited 1.3 s after POST /shutdown");
        LeaveReport unsaid = new LeaveReport(node, "POST /shutdown", true, Duration.ofMillis(1300), Optional.of(40),
                Optional.empty(), 40, 10, 10, Optional.empty(), java.util.Map.of());
        assertThat(unsaid.sentence()).startsWith("node 5011 left: about 40 transactions handed over (40 of 40 pooled "
                + "just before now held by other nodes), exited");

        String log = String.join("\n",
                "# 2025-01-01T02:00:00Z java -jar flint.jar node --id 5011 ...",
                "02:00:10 INFO [5011] leaving: 40 transactions inline; 40 handed over in all",
                "# 2025-01-01T02:01:00Z java -jar flint.jar node --id 5011 ...",
                "02:01:30 INFO [5011] peer 5012 joined (127.0.0.1:5012)",
                "02:01:40 INFO [5011] leaving: 100 transactions inline, 41 in 1 batches to [5002, 5003]; 141 handed over "
                        + "in all",
                "02:01:41 INFO node 5011 stopped");
        assertThat(ClusterManager.handedOverIn(log, "5011")).contains(141);
        assertThat(ClusterManager.handedOverIn(log, "501")).as("another node's id").isEmpty();
        assertThat(ClusterManager.handedOverIn(String.join("\n", log,
                "# 2025-01-01T02:02:00Z java -jar flint.jar node --id 5011 ...", "02:02:05 INFO node 5011 stopped"), "5011"))
                .as("an earlier run's count is not this run's").isEmpty();
    }

    @Test
    void aBanReasonIsCutToWhatKindOfOffenceItWas() {
        String txid = "8c66a9e1ff2c8cee6e7497056dd90a30eb3f1ec1783ec3529870d6c19767a6ee";
        assertThat(ClusterManager.briefBanReason("invalid transaction " + txid + ": mandatory-script-verify-flag-failed: "
                + "an input's script does not verify (input 0 of " + txid + ")"))
                .isEqualTo("invalid transaction 8c66a9e1...");
        assertThat(ClusterManager.briefBanReason("flooding")).isEqualTo("flooding");
    }

    @Test
    void durationsReadLikeSpeech() {
        assertThat(Durations.human(Duration.ofMillis(999))).isEqualTo("999 ms");
        assertThat(Durations.human(Duration.ofMillis(1250))).isEqualTo("1.3 s");
        assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    }
}
