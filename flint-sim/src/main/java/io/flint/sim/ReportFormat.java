package io.flint.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.sim.SimulationReport.Level;
import io.flint.sim.SimulationReport.NodeEnd;
import io.flint.sim.SimulationReport.Propagation;
import io.flint.sim.SimulationReport.Stats;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * A report as text for a person (tables) or as JSON for scripts. Fields are written in a fixed
 * order and numbers in a fixed format, so the same report is the same bytes.
 */
public final class ReportFormat {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).nodeFactory(new PlainDoubles()).build();

    private ReportFormat() {}

    // ---------------------------------------------------------------- JSON

    public static String json(SimulationReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.set("config", config(r.config()));
        ObjectNode topology = root.putObject("topology");
        topology.put("bootstrap_links", r.topology().bootstrapLinks());
        topology.put("components", r.topology().components());
        root.put("virtual_seconds", r.virtualSeconds());
        root.put("settle_seconds", r.settleSeconds());
        ObjectNode blocks = root.putObject("blocks");
        blocks.put("mined", r.blocks().mined());
        blocks.put("in_best_chain", r.blocks().inBestChain());
        blocks.put("stale", r.blocks().stale());
        blocks.put("stale_rate", r.blocks().staleRate());
        blocks.put("best_height", r.blocks().bestHeight());
        ObjectNode reorgs = root.putObject("reorgs");
        reorgs.put("count", r.reorgs().count());
        reorgs.put("nodes", r.reorgs().nodes());
        reorgs.put("max_depth", r.reorgs().maxDepth());
        root.set("block_propagation", propagation(r.blockPropagation()));
        ObjectNode payments = root.putObject("payments");
        payments.put("attempted", r.payments().attempted());
        payments.put("accepted", r.payments().accepted());
        payments.put("no_coins", r.payments().noCoins());
        payments.put("rejected", r.payments().rejected());
        payments.put("confirmed", r.payments().confirmed());
        payments.set("propagation", propagation(r.payments().propagation()));
        ObjectNode traffic = root.putObject("traffic");
        traffic.put("frames", r.traffic().frames());
        traffic.put("bytes", r.traffic().bytes());
        traffic.put("frames_per_node", r.traffic().framesPerNode());
        traffic.put("bytes_per_node", r.traffic().bytesPerNode());
        traffic.put("max_frames_node", r.traffic().maxFramesNode());
        traffic.put("max_bytes_node", r.traffic().maxBytesNode());
        traffic.put("frames_lost", r.traffic().framesLost());
        ObjectNode types = traffic.putObject("messages_by_type");
        r.traffic().messagesByType().forEach(types::put);
        ObjectNode churn = root.putObject("churn");
        churn.put("crashes", r.churn().crashes());
        churn.put("leaves", r.churn().leaves());
        churn.put("restarts", r.churn().restarts());
        churn.put("fresh_starts", r.churn().freshStarts());
        ObjectNode end = root.putObject("end");
        end.put("running", r.end().running());
        end.put("agree", r.end().agree());
        end.put("distinct_tips", r.end().distinctTips());
        end.put("min_height", r.end().minHeight());
        end.put("max_height", r.end().maxHeight());
        end.put("best_tip", r.end().bestTip());
        ArrayNode nodes = end.putArray("nodes");
        for (NodeEnd n : r.end().nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("miner", n.miner());
            o.put("light", n.light());
            o.put("nat", n.nat());
            o.put("running", n.running());
            o.put("height", n.height());
            o.put("tip", n.tip());
            o.put("runs", n.runs());
            o.put("mined", n.mined());
            o.put("mined_in_best_chain", n.minedInBestChain());
            o.put("frames", n.frames());
            o.put("bytes", n.bytes());
            o.put("reorgs", n.reorgs());
            o.put("peers", n.peers());
        }
        ArrayNode isolated = end.putArray("isolated");
        r.end().isolated().forEach(isolated::add);
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every double of the JSON report in plain decimals: Jackson writes a double as
     * {@link Double#toString} does, so a --tx-rate of 0.0000001 came out as 1.0E-7 and 12 MB per
     * node as 1.2E7. The digits stay those of {@code Double.toString}, and a whole number keeps its
     * ".0" (2.0), so the values and their type for a script are what they were.
     */
    private static final class PlainDoubles extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        PlainDoubles() {
            super(true);
        }

        @Override
        public NumericNode numberNode(double v) {
            if (!Double.isFinite(v)) {
                return super.numberNode(v);
            }
            BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
            return DecimalNode.valueOf(d.scale() < 1 ? d.setScale(1) : d);
        }
    }

    private static ObjectNode config(SimulationConfig c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("seed", c.seed());
        o.put("nodes", c.nodes());
        o.put("miners", c.miners());
        ArrayNode shares = o.putArray("hash_shares");
        c.hashShares().forEach(shares::add);
        o.put("peers_per_node", c.peersPerNode());
        o.put("fanout", c.fanout());
        o.put("duration", Durations.format(c.duration()));
        o.put("settle", Durations.format(c.settle()));
        o.put("block_interval", Durations.format(c.blockInterval()));
        o.put("latency", Durations.format(c.latency()));
        o.put("jitter", Durations.format(c.jitter()));
        o.put("loss", c.loss());
        o.put("tx_rate", c.txRate());
        o.put("partition", c.partition().map(PartitionWindow::toString).orElse(null));
        o.put("churn", c.churnInterval().map(Durations::format).orElse(null));
        o.put("churn_downtime", Durations.format(c.churnDowntime()));
        o.put("nat", c.natNodes());
        o.put("light", c.lightNodes());
        return o;
    }

    /** A propagation as the JSON report writes it (also {@code flint cluster stats}'s). */
    public static ObjectNode propagation(Propagation p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("items", p.items());
        o.put("measured", p.measured());
        ObjectNode nodes = o.putObject("counted_nodes");
        nodes.put("min", p.nodesMin());
        nodes.put("max", p.nodesMax());
        nodes.put("mean", p.nodesMean());
        ArrayNode levels = o.putArray("levels");
        for (Level level : p.levels()) {
            ObjectNode l = levels.addObject();
            l.put("percent_of_nodes", level.percentOfNodes());
            Stats s = level.delay();
            l.put("count", s.count());
            l.put("mean_ms", s.meanMs());
            l.put("p50_ms", s.p50Ms());
            l.put("p90_ms", s.p90Ms());
            l.put("max_ms", s.maxMs());
        }
        return o;
    }

    // ---------------------------------------------------------------- text

    public static String text(SimulationReport r) {
        StringBuilder out = new StringBuilder();
        SimulationConfig c = r.config();
        line(out, "flint sim: %d nodes (%d mining%s%s), %s each, fanout %d, seed %d", c.nodes(),
                c.miners(), c.lightNodes() > 0 ? ", " + c.lightNodes() + " light" : "",
                c.natNodes() > 0 ? ", " + c.natNodes() + " behind NAT" : "", bootstrapPeers(c),
                c.fanout(), c.seed());
        line(out, "  %s with a block every %s on average, then up to %s to settle; links %s latency%s, %s loss%s%s%s",
                Durations.format(c.duration()), Durations.format(c.blockInterval()), Durations.format(c.settle()),
                // 0ms rather than 0s: the unit latencies are given in (the default is 50ms)
                c.latency().isZero() ? "0ms" : Durations.format(c.latency()),
                c.jitter().isZero() ? "" : " + up to " + Durations.format(c.jitter()) + " jitter",
                percent(c.loss()),
                c.txRate() > 0 ? "; " + Decimals.significant(c.txRate(), 3) + (c.txRate() == 1 ? " payment/s"
                        : " payments/s") : "",
                c.partition().map(p -> "; partition at " + Durations.format(p.start()) + " for "
                        + Durations.format(p.length())).orElse(""),
                c.churnInterval().map(ch -> "; churn every " + Durations.format(ch) + " (down "
                        + Durations.format(c.churnDowntime()) + ")").orElse(""));
        line(out, "  bootstrap graph: %s, %s", count(r.topology().bootstrapLinks(), "link", "links"),
                r.topology().components() == 1 ? "connected"
                        : r.topology().components() + " separate parts (they cannot agree)");
        out.append('\n');
        line(out, "blocks       mined %d, in the best chain %d, stale %d (%s), best height %d",
                r.blocks().mined(), r.blocks().inBestChain(), r.blocks().stale(), percent(r.blocks().staleRate()),
                r.blocks().bestHeight());
        line(out, "reorgs       %d on %s, deepest %s", r.reorgs().count(), count(r.reorgs().nodes(), "node", "nodes"),
                count(r.reorgs().maxDepth(), "block", "blocks"));
        out.append('\n');
        propagationTable(out, "block propagation (ms from mined to checked and stored, on any branch)",
                r.blockPropagation(), "block", "blocks");
        if (c.txRate() > 0) {
            out.append('\n');
            line(out, "payments     %d attempted, %d accepted, %d without coins, %d rejected, %d confirmed",
                    r.payments().attempted(), r.payments().accepted(), r.payments().noCoins(),
                    r.payments().rejected(), r.payments().confirmed());
            propagationTable(out, "payment propagation (ms from accepted to in a pool or block)",
                    r.payments().propagation(), "payment", "payments");
        }
        out.append('\n');
        line(out, "traffic      %s, %s sent; per node %s, %s (max %s, %s); %s lost",
                frames(r.traffic().frames()), bytes(r.traffic().bytes()),
                frames(r.traffic().framesPerNode()), bytes(Math.round(r.traffic().bytesPerNode())),
                frames(r.traffic().maxFramesNode()), bytes(r.traffic().maxBytesNode()),
                frames(r.traffic().framesLost()));
        StringBuilder types = new StringBuilder();
        for (Map.Entry<String, Long> e : r.traffic().messagesByType().entrySet()) {
            types.append(types.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        line(out, "messages     %s", types);
        if (c.churnInterval().isPresent()) {
            line(out, "churn        %s, %s, %s (%d of them with an empty store)",
                    count(r.churn().crashes(), "crash", "crashes"), count(r.churn().leaves(), "leave", "leaves"),
                    count(r.churn().restarts(), "restart", "restarts"), r.churn().freshStarts());
        }
        out.append('\n');
        line(out, "end          %s running, %s; heights %d..%d, best tip %s", count(r.end().running(), "node", "nodes"),
                r.end().agree() ? "all on the same tip after " + num(r.settleSeconds()) + " s of settling"
                        : r.end().distinctTips() + " different tips after " + num(r.settleSeconds())
                        + " s of settling",
                r.end().minHeight(), r.end().maxHeight(), r.end().bestTip().substring(0, 12));
        List<String> isolated = r.end().isolated();
        if (!isolated.isEmpty()) {
            line(out, "warning      %s without a live peer at the end (%s): what they mined reached no one, so these "
                    + "figures are partly each miner alone (a run shorter than a handshake, links too slow or lossy, "
                    + "or NAT)",
                    count(isolated.size(), "running node", "running nodes"), String.join(", ", isolated));
        }
        out.append('\n');
        line(out, "%-6s %-9s %-5s %7s  %-12s %4s %11s %9s %10s %6s %5s", "node", "role", "state", "height", "tip",
                "runs", "mined/best", "frames", "bytes", "reorgs", "peers");
        for (NodeEnd n : r.end().nodes()) {
            line(out, "%-6s %-9s %-5s %7d  %-12s %4d %11s %9d %10d %6d %5d", n.id(),
                    (n.miner() ? "miner" : n.light() ? "light" : "node") + (n.nat() ? "/nat" : ""), n.running() ? "up" : "down",
                    n.height(), n.tip(), n.runs(), n.miner() ? n.mined() + "/" + n.minedInBestChain() : "-",
                    n.frames(), n.bytes(), n.reorgs(), n.peers());
        }
        out.append('\n');
        // exact: "0.05 s", not "0.1 s" for --duration 50ms (as stderr and the JSON say it)
        line(out, "simulated %s s of virtual time (%s s of it settling)", Decimals.plain(r.virtualSeconds()),
                Decimals.plain(r.settleSeconds()));
        return out.toString();
    }

    /** A propagation as the text report's table (also {@code flint cluster stats}'s). */
    public static void propagationTable(StringBuilder out, String title, Propagation p, String thing, String things) {
        line(out, "%s: %d of %s reached every node%s", title, p.measured(), count(p.items(), thing, things),
                p.measured() == 0 ? ""
                        : p.nodesMin() == p.nodesMax() ? " (" + count(p.nodesMin(), "node", "nodes") + " each)"
                        // churn: a node that came back after a thing appeared is not counted for it
                        : " (" + p.nodesMin() + " to " + p.nodesMax() + " nodes, " + num(p.nodesMean())
                                + " on average: the nodes running when it appeared and at the end)");
        line(out, "  %-14s %9s %9s %9s %9s", "share of nodes", "mean", "p50", "p90", "max");
        for (Level level : p.levels()) {
            Stats s = level.delay();
            // with nothing measured the figures are 0, which would read as instant propagation
            boolean none = s.count() == 0;
            line(out, "  %-14s %9s %9s %9s %9s", level.percentOfNodes() + " %", none ? "-" : num(s.meanMs()),
                    none ? "-" : num(s.p50Ms()), none ? "-" : num(s.p90Ms()), none ? "-" : num(s.maxMs()));
        }
    }

    /**
     * What the nodes really have, not --peers-per-node: a small network has fewer peers to give, and
     * a node behind NAT can dial one more (every reachable node) than a reachable one (all but itself).
     */
    private static String bootstrapPeers(SimulationConfig c) {
        int reachable = c.bootstrapPeers(false);
        int natted = c.bootstrapPeers(true);
        if (c.natNodes() == 0 || reachable == natted) {
            return count(reachable, "bootstrap peer", "bootstrap peers");
        }
        return reachable + " or " + natted + " bootstrap peers";
    }

    /**
     * {@code n} and the noun that agrees with it: 1 node, 0 nodes, 2.5 frames. Every count in the
     * text goes through here (a double as {@link #num} writes it; whole counts widen exactly).
     */
    private static String count(double n, String one, String many) {
        return num(n) + " " + (n == 1 ? one : many);
    }

    private static String frames(double n) {
        return count(n, "frame", "frames");
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    private static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / 1_000_000.0);
    }
}
