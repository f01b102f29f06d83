package io.flint.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code flint demo}: the bootstrap network of a config started locally with its roles, and then,
 * every churn interval, a dynamic node added and (once a few are up) the oldest one removed
 * gracefully, each told in a plain sentence. {@link #stop()} (Ctrl-C) ends the loop; the network
 * always comes down gracefully at the end.
 */
public final class ChurnDemo {
    /** Dynamic nodes kept up at once; beyond this each round also removes the oldest. */
    static final int DYNAMIC_NODES = 2;
    /** How often the demo looks for nodes that died (their processes only: no HTTP). */
    static final Duration WATCH_TICK = Duration.ofSeconds(1);

    /**
     * @param config the bootstrap set
     * @param chain "demo" or "regtest"
     * @param txInterval seconds between payments of each full node
     * @param churnInterval time between churn rounds; empty = no churn
     * @param duration stop by itself after this long; empty = until {@link #stop()}
     * @param fresh remove the chains and wallets an earlier demo left in the directory first
     */
    public record Options(Path config, String chain, double txInterval, Optional<Duration> churnInterval,
            Optional<Duration> duration, boolean fresh) {}

    private final ClusterManager manager;
    private final Options options;
    private final Consumer<String> out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Deque<String> dynamic = new ArrayDeque<>();
    // what has been said about each node, so each change is said once
    private final Set<String> reportedDead = new HashSet<>();
    private final Set<String> answered = new HashSet<>();
    private final Set<String> silent = new HashSet<>();

    public ChurnDemo(ClusterManager manager, Options options, Consumer<String> out) {
        this.manager = manager;
        this.options = options;
        this.out = out;
    }

    /** Runs until the duration passes or {@link #stop()}; always brings the network down before returning. */
    public void run() {
        List<NodeEntry> nodes;
        List<String> earlier;
        try {
            earlier = manager.earlierChains();
            nodes = manager.up(new ClusterManager.UpOptions(options.config(), "local", options.chain(),
                    Optional.of(options.txInterval()), List.of(), options.fresh()));
        } catch (RuntimeException e) {
            finished.countDown();
            throw e;
        }
        try {
            out.accept("");
            out.accept(nodes.size() + " nodes are up. Their dashboards:");
            for (NodeEntry n : nodes) {
                out.accept(String.format("  %-6s %-19s %s", n.id(), n.role(), n.dashboardUrl()));
            }
            NodeEntry.networkViewUrl(nodes).ifPresent(url -> out.accept("The whole network at once (topology, "
                    + "convergence, joins and leaves, block propagation): " + url));
            out.accept("Logs and data: " + manager.registry().directory().root() + " (if this process is killed, "
                    + "'" + manager.registry().directory().command("down") + "' stops the nodes)");
            // --nodes-dir of an earlier demo: a second experiment would otherwise quietly start where it ended
            List<String> goingOn = ClusterManager.goingOn(earlier, nodes);
            if (options.fresh() && !earlier.isEmpty()) {
                out.accept("Removed the chains and wallets an earlier run left there (nodes " + String.join(", ", earlier)
                        + "): every node started from genesis.");
            } else if (!goingOn.isEmpty()) {
                out.accept("The nodes go on from the chains and wallets an earlier run left there (nodes "
                        + String.join(", ", goingOn) + "); --fresh, or a demo without --nodes-dir, starts from genesis.");
            }
            out.accept(options.churnInterval().map(d -> "Every " + Durations.human(d)
                    + " (or as soon as the last round's reports are done, when they take longer) a node joins and, once "
                    + DYNAMIC_NODES + " have joined, the oldest leaves. ")
                    .orElse("No churn (--no-churn). ") + "Ctrl-C stops everything gracefully.");
            out.accept("");
            loop();
        } catch (ClusterException e) {
            if (stopRequested.getCount() > 0) {
                throw e;
            }
        } finally {
            Thread.interrupted();   // Ctrl-C interrupted the loop; the shutdown below must not be
            shutdown();
            finished.countDown();
        }
    }

    private void loop() {
        long end = options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        Duration pause = options.churnInterval().orElse(Duration.ofSeconds(30));
        long nextRound = System.nanoTime() + pause.toNanos();
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(Math.min(end, nextRound) - now, WATCH_TICK.toNanos());
            if (now >= end || await(Duration.ofNanos(Math.max(wait, 0)))) {
                return;
            }
            if (!reportDeaths()) {
                out.accept("every node of the network has died: the demo ends (their logs say why)");
                return;
            }
            if (System.nanoTime() >= end) {
                return;
            }
            if (System.nanoTime() >= nextRound) {
                long started = System.nanoTime();
                if (options.churnInterval().isPresent()) {
                    churnRound();
                }
                summary();
                nextRound = nextRoundAt(started, System.nanoTime(), pause);
            }
        }
    }

    /**
     * When the next round starts: one period after this one started, so "every 20 s a node joins"
     * holds while a round's reports take less than that (counting the pause from the round's end
     * made it every 37-45 s on a loaded machine); at once when they took longer, with no rounds
     * made up for later.
     */
    static long nextRoundAt(long roundStarted, long now, Duration period) {
        return Math.max(roundStarted + period.toNanos(), now);
    }

    /**
     * Names, once each, every node whose process has died since the last look: a crash the demo
     * did not cause would otherwise only show as one node fewer answering.
     *
     * @return whether any node of the network still runs
     */
    private boolean reportDeaths() {
        List<NodeRow> rows = manager.processes();
        for (NodeRow r : rows) {
            if (r.state().equals("dead") && reportedDead.add(r.node().id())) {
                out.accept("node " + r.node().id() + " died (" + manager.howItEnded(r.node()) + ")");
            }
        }
        return rows.isEmpty() || rows.stream().anyMatch(r -> !r.state().equals("dead"));
    }

    /**
     * One join, and then one graceful leave once enough dynamic nodes are up. The join comes first:
     * it takes the lowest free id, which is then never the one of the node leaving in the same
     * round, so ids cycle through one more than {@link #DYNAMIC_NODES} (5011-5013).
     */
    private void churnRound() {
        try {
            JoinReport joined = manager.add(new ClusterManager.AddOptions(Optional.empty(), "local", Optional.empty(),
                    options.config(), options.chain(), false, false, Optional.of(options.txInterval()), true));
            dynamic.addLast(joined.node().id());
            out.accept(joined.sentence());
            if (stopRequested.getCount() == 0) {
                return;
            }
            if (dynamic.size() > DYNAMIC_NODES) {
                String leaving = dynamic.removeFirst();
                out.accept(manager.remove(leaving).sentence());
            }
        } catch (ClusterException e) {
            if (stopRequested.getCount() > 0) {
                out.accept("churn round failed: " + e.getMessage());
            }
        }
    }

    /** One line about the network: the best height, nodes up, pooled transactions. */
    private void summary() {
        List<NodeRow> rows = manager.list();
        for (NodeRow r : rows) {
            // a node whose process runs but whose API went quiet (hung, overloaded): named once, and again when back
            String id = r.node().id();
            if (r.state().equals("up")) {
                answered.add(id);
                if (silent.remove(id)) {
                    out.accept("node " + id + " answers again");
                }
            } else if (r.state().equals("no answer") && answered.contains(id) && silent.add(id)) {
                out.accept("node " + id + " stopped answering (its process still runs)");
            }
        }
        long up = rows.stream().filter(r -> r.status().isPresent()).count();
        long height = rows.stream().flatMap(r -> r.status().stream()).mapToLong(NodeStatus::height).max().orElse(-1);
        int pooled = rows.stream().flatMap(r -> r.status().stream()).mapToInt(NodeStatus::mempool).max().orElse(0);
        if (up > 0) {
            List<String> dead = rows.stream().filter(r -> r.state().equals("dead")).map(r -> r.node().id()).toList();
            out.accept("network: " + up + " of " + rows.size() + " nodes answering"
                    + (dead.isEmpty() ? "" : " (dead: " + String.join(", ", dead) + ")") + ", best height " + height
                    + ", up to " + pooled + " transactions pooled");
        }
    }

    /** Waits up to {@code d}; true if a stop was requested. */
    private boolean await(Duration d) {
        try {
            return stopRequested.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void shutdown() {
        out.accept("");
        out.accept("stopping all nodes gracefully ...");
        List<LeaveReport> reports = manager.down();
        List<String> dead = reports.stream().filter(r -> r.how().equals(LeaveReport.ALREADY_DEAD))
                .map(r -> r.node().id()).toList();
        long stopped = reports.size() - dead.size();
        long forced = reports.stream().filter(r -> r.how().startsWith("SIGKILL")).count();
        out.accept(stopped + (stopped == 1 ? " node" : " nodes") + " stopped"
                + (forced > 0 ? " (" + forced + " had to be killed)" : "")
                + (dead.isEmpty() ? "" : ", " + dead.size() + (dead.size() == 1 ? " was" : " were") + " already dead ("
                        + String.join(", ", dead) + ")")
                + "; logs and data stay in " + manager.registry().directory().root());
    }

    /** Asks the demo to stop (Ctrl-C); returns at once. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #run()} has brought the network down. */
    public boolean awaitFinished(Duration limit) throws InterruptedException {
        return finished.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
