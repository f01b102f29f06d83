package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.api.view.HealthView;
import io.flint.p2p.snapshot.SyncProgress;
import io.flint.p2p.snapshot.SyncProgress.Phase;
import org.junit.jupiter.api.Test;

/** {@code /health/ready}'s verdict: what a Kubernetes probe or a cluster script acts on. */
class ReadinessTest {

    private static SyncProgress sync(Phase phase, long snapshotHeight, long known, int inFlight) {
        return new SyncProgress(phase, snapshotHeight, known, 0, 0, inFlight);
    }

    @Test
    void aNodeAheadOfAStaleSnapshotIsReady() {
        // the snapshot was published before the node's last block: it said "behind, no sync
        // running: height 36 of 35 known" for a second around every block
        HealthView v = StatusApi.readiness(true, 36, sync(Phase.IDLE, 34, 35, 0), true);
        assertThat(v.status()).isEqualTo("ready");
        assertThat(v.height()).isEqualTo(36);
    }

    @Test
    void oneBlockBehindIsTheBlockOnItsWayAndStillReady() {
        assertThat(StatusApi.readiness(true, 93, sync(Phase.IDLE, 93, 94, 0), true).status()).isEqualTo("ready");
        assertThat(StatusApi.readiness(true, 43, sync(Phase.HEADERS, 43, 43, 0), true).status()).isEqualTo("ready");
    }

    @Test
    void twoOrMoreBlocksBehindIsNotReadyAndSaysWhatRuns() {
        HealthView syncing = StatusApi.readiness(true, 40, sync(Phase.BLOCKS, 40, 55, 16), true);
        assertThat(syncing.status()).isEqualTo("not_ready");
        assertThat(syncing.reason()).isEqualTo("syncing (blocks): height 40 of 55 known");

        HealthView idle = StatusApi.readiness(true, 47, sync(Phase.IDLE, 47, 71, 0), false);
        assertThat(idle.status()).isEqualTo("not_ready");
        assertThat(idle.reason()).isEqualTo("behind, no sync running: height 47 of 71 known; no peer to download from");
    }

    @Test
    void aBlockNoPeerDeliversIsNamedInTheReason() {
        SyncProgress stuck = new SyncProgress(Phase.BLOCKS, 1146, 44071, 1146, 0, 2, java.util.Optional.of(
                new SyncProgress.Stall(1147, "00aa11bb22cc33dd44ee55ff66778899aabbccddeeff00112233445566778899", 4,
                        java.util.List.of("5001"))));
        HealthView v = StatusApi.readiness(true, 1146, stuck, true);
        assertThat(v.status()).isEqualTo("not_ready");
        assertThat(v.reason()).isEqualTo("syncing (blocks): height 1146 of 44071 known; block 1147 (…66778899) not "
                + "delivered after 4 requests to 5001");
    }

    @Test
    void aStoppedNodeIsNotReadyWhateverItsHeight() {
        HealthView v = StatusApi.readiness(false, 10, sync(Phase.IDLE, 10, 10, 0), true);
        assertThat(v.status()).isEqualTo("not_ready");
        assertThat(v.reason()).isEqualTo("the node is not running");
    }
}
