package io.flint.api;

import io.flint.api.view.HealthView;
import io.flint.api.view.StatusView;
import io.flint.api.view.SyncView;
import io.flint.chain.ChainTip;
import io.flint.chain.HeaderInfo;
import io.flint.core.ProofOfWork;
import io.flint.node.FlintNode;
import io.flint.node.Reorgs;
import io.flint.p2p.snapshot.NetworkSnapshot;
import io.flint.p2p.snapshot.SyncProgress;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/** {@code GET /status}, {@code /health/live}, {@code /health/ready}. */
final class StatusApi implements ApiRoutes {
    /** How many blocks behind the best known a node may be and still be ready (see {@link #ready}). */
    private static final long BLOCK_ON_ITS_WAY = 1;

    private final FlintNode node;

    StatusApi(FlintNode node) {
        this.node = node;
    }

    @Override
    public void register(Javalin app) {
        app.get("/status", ctx -> ctx.json(status()));
        app.get("/health/live", ctx -> ctx.json(new HealthView("live", height(), -1, "")));
        app.get("/health/ready", this::ready);
    }

    StatusView status() {
        ChainTip tip = node.chain().tip();
        HeaderInfo best = node.chain().bestHeader();
        NetworkSnapshot net = node.network().published();
        int alive = (int) net.peers().stream().filter(p -> "ALIVE".equals(p.status())).count();
        SyncProgress sync = net.sync();
        long uptime = Duration.between(node.startedAt(), node.clock().instant()).toSeconds();
        Reorgs reorgs = node.reorgs();
        return new StatusView(node.settings().id(), tip.height(), tip.hash().toString(), tip.difficultyBits(),
                net.peers().size(), node.mempool().size(), node.settings().role(), node.settings().network().name(),
                Math.max(0, uptime), alive, tip.nextDifficultyBits(), best.height(),
                tip.header().timestamp(), tip.chainWork().toString(16), node.mempool().bytes(),
                node.chain().orphans().size(), node.miner().isMining(), node.miner().hashRate(),
                node.payoutAddress().toString(), String.valueOf(node.advertisedEndpoint()), sync.synced(), sync(sync),
                best.hash().toString(), best.header().timestamp(), ProofOfWork.difficultyBits(best.header().bits()),
                node.chain().storeReadFailure().orElse(null), node.miner().pausedFor().orElse(null), reorgs.count(),
                reorgs.last().map(r -> new StatusView.LastReorg(r.forkHeight(), r.disconnected(), r.connected(),
                        r.atMillis())).orElse(null));
    }

    /** How far this node's chain reaches: its blocks, or a light node's headers (it keeps no blocks). */
    private long height() {
        return node.settings().light() ? node.chain().bestHeader().height() : node.chain().height();
    }

    static SyncView sync(SyncProgress s) {
        return new SyncView(s.phase().name(), s.height(), s.bestKnownHeight(), s.downloaded(), s.blocksPerSecond(),
                s.inFlight(), s.stall().map(t -> new SyncView.Stalled(t.height(), t.hash(), t.requests(), t.peers()))
                        .orElse(null));
    }

    /**
     * Ready = running and at the best tip any peer has shown (a node without peers is at its own),
     * give or take the one block that is always on its way somewhere: a new block reaches peers
     * a moment apart, and readiness flapped for a second around every block on healthy nodes (a
     * Kubernetes probe would take them out of service each time). The height is the chain's own
     * now; the best known height comes from the network snapshot, published now and then, which
     * also made a node look behind its own tip.
     */
    private void ready(Context ctx) {
        NetworkSnapshot net = node.network().published();
        boolean anyAlive = net.peers().stream().anyMatch(p -> p.status().equals("ALIVE"));
        HealthView view = readiness(node.isRunning(), height(), net.sync(), anyAlive);
        Optional<String> damage = node.chain().storeReadFailure();
        if (view.status().equals("ready") && damage.isPresent()) {
            // it runs and serves most of the chain, but not all of it: not the node to send clients to
            view = new HealthView("not_ready", view.height(), view.bestKnownHeight(),
                    "the chain store is damaged: " + damage.get());
        }
        ctx.status(view.status().equals("ready") ? 200 : 503).json(view);
    }

    /** The readiness answer for a node at {@code height} (its chain's, now) given the network's sync snapshot. */
    static HealthView readiness(boolean running, long height, SyncProgress sync, boolean anyPeerAlive) {
        if (!running) {
            return new HealthView("not_ready", height, sync.bestKnownHeight(), "the node is not running");
        }
        if (height >= sync.bestKnownHeight() - BLOCK_ON_ITS_WAY) {
            return new HealthView("ready", height, sync.bestKnownHeight(), "");
        }
        String stalled = sync.inFlight() == 0 && !anyPeerAlive ? "; no peer to download from"
                : sync.stall().map(s -> "; " + s.sentence()).orElse("");
        // idle yet below the best known height: no sync runs (e.g. every peer that has the
        // rest banned this node); "syncing (idle)" said both at once
        String doing = sync.phase() == SyncProgress.Phase.IDLE ? "behind, no sync running"
                : "syncing (" + sync.phase().name().toLowerCase() + ")";
        return new HealthView("not_ready", height, sync.bestKnownHeight(),
                doing + ": height " + height + " of " + sync.bestKnownHeight() + " known" + stalled);
    }
}
