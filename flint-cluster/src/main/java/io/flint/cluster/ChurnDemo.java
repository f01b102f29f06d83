package io.flint.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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

    /**
     * @param config the bootstrap set
     * @param chain "demo" or "regtest"
     * @param txInterval seconds between payments of each full node
     * @param churnInterval time between churn rounds; empty = no churn
     * @param duration stop by itself after this long; empty = until {@link #stop()}
     */
    public record Options(Path config, String chain, double txInterval, Optional<Duration> churnInterval,
            Optional<Duration> duration) {}

    private final ClusterManager manager;
    private final Options options;
    private final Consumer<String> out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Deque<String> dynamic = new ArrayDeque<>();

    public ChurnDemo(ClusterManager manager, Options options, Consumer<String> out) {
        this.manager = manager;
        this.options = options;
        this.out = out;
    }

    /** Runs until the duration passes or {@link #stop()}; always brings the network down before returning. */
    public void run() {
        List<NodeEntry> nodes;
        try {
            nodes = manager.up(new ClusterManager.UpOptions(options.config(), "local", options.chain(),
                    Optional.of(options.txInterval())));
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
                    + "'flint cluster down --dir " + manager.registry().directory().root() + "' stops the nodes)");
            out.accept(options.churnInterval().map(d -> "Every " + Durations.human(d)
                    + " a node joins and, once " + DYNAMIC_NODES + " have joined, the oldest leaves. ")
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
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0 || await(Duration.ofNanos(Math.min(left, pause.toNanos())))) {
                return;
            }
            if (System.nanoTime() >= end) {
                return;
            }
            if (options.churnInterval().isPresent()) {
                churnRound();
            }
            summary();
        }
    }

    /** One join, and one graceful leave once enough dynamic nodes are up. */
    private void churnRound() {
        try {
            if (dynamic.size() >= DYNAMIC_NODES) {
                String leaving = dynamic.removeFirst();
                out.accept(manager.remove(leaving).sentence());
            }
            if (stopRequested.getCount() == 0) {
                return;
            }
            JoinReport joined = manager.add(new ClusterManager.AddOptions(Optional.empty(), "local", Optional.empty(),
                    options.config(), options.chain(), false, false, Optional.of(options.txInterval()), true));
            dynamic.addLast(joined.node().id());
            out.accept(joined.sentence());
        } catch (ClusterException e) {
            if (stopRequested.getCount() > 0) {
                out.accept("churn round failed: " + e.getMessage());
            }
        }
    }

    /** One line about the network: the best height, nodes up, pooled transactions. */
    private void summary() {
        List<NodeRow> rows = manager.list();
        long up = rows.stream().filter(r -> r.status().isPresent()).count();
        long height = rows.stream().flatMap(r -> r.status().stream()).mapToLong(NodeStatus::height).max().orElse(-1);
        int pooled = rows.stream().flatMap(r -> r.status().stream()).mapToInt(NodeStatus::mempool).max().orElse(0);
        if (up > 0) {
            out.accept("network: " + up + " of " + rows.size() + " nodes answering, best height " + height + ", up to "
                    + pooled + " transactions pooled");
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
        List<LeaveReport> stopped = manager.down();
        long forced = stopped.stream().filter(r -> r.how().startsWith("SIGKILL")).count();
        out.accept(stopped.size() + " nodes stopped" + (forced > 0 ? " (" + forced + " had to be killed)" : "")
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
