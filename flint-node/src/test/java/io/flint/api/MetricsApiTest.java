package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of two connected nodes, read by a Prometheus text-format parser (Hawkular's
 * prometheus-scraper): the names Grafana and alerts rely on are there, typed, with the values the
 * nodes' own APIs show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsApiTest {
    ApiNode miner;
    ApiNode follower;

    @BeforeAll
    void start(@TempDir Path dir) {
        miner = new ApiNode("m1", dir.resolve("m1"), ApiOptions.DEFAULTS);
        follower = new ApiNode("f1", dir.resolve("f1"), ApiOptions.DEFAULTS, List.of(miner.asPeer()));
        await().atMost(Duration.ofSeconds(20)).until(() -> miner.get("/peers").json().size() == 1
                && "ALIVE".equals(miner.get("/peers").json().get(0).path("status").asText()));
        miner.mine(12);
        await().atMost(Duration.ofSeconds(30)).until(() -> follower.node.chain().height() == 12);
        // a payment (admitted, gossiped) and a forged one (refused: its signature does not verify)
        String to = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        Response paid = miner.post("/wallet/send", "{\"address\":\"" + to + "\",\"amount\":\"1.5\"}");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.node.mempool().size() == 1);
        // the traffic counters come from the engine's snapshot, published every half second
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            JsonNode received = follower.get("/redundancy").json().path("received");
            return received.path("TX").asLong() + received.path("MEMPOOL_DATA").asLong() >= 1;
        });
        String hex = miner.get("/tx/" + paid.json().path("txid").asText()).json().path("hex").asText();
        int at = 2 * (4 + 1 + 36 + 1 + 10);
        String forged = hex.substring(0, at) + (hex.charAt(at) == '0' ? '1' : '0') + hex.substring(at + 1);
        assertThat(miner.post("/tx", "{\"hex\":\"" + forged + "\"}", null).status()).isEqualTo(400);
        // PINGs go out every 5 s: wait for a round trip on both sides
        await().atMost(Duration.ofSeconds(20)).until(() -> follower.get("/latency").json().size() == 1
                && miner.get("/latency").json().size() == 1);
    }

    @AfterAll
    void stop() {
        if (follower != null) {
            follower.close();
        }
        if (miner != null) {
            miner.close();
        }
    }

    /** Every family of one scrape, by name. */
    static Map<String, MetricFamily> scrape(ApiNode n) throws IOException {
        Response r = n.getText("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(r.text().getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
            families.put(f.getName(), f);
        }
        return families;
    }

    static double value(Map<String, MetricFamily> families, String name, String... labels) {
        MetricFamily f = families.get(name);
        assertThat(f).as("metric family " + name + " in " + families.keySet()).isNotNull();
        List<Double> values = new ArrayList<>();
        for (Metric m : f.getMetrics()) {
            boolean match = true;
            for (int i = 0; i < labels.length; i += 2) {
                match &= labels[i + 1].equals(m.getLabels().get(labels[i]));
            }
            if (match) {
                values.add(m instanceof Counter c ? c.getValue() : ((Gauge) m).getValue());
            }
        }
        assertThat(values).as(name + " " + List.of(labels)).hasSize(1);
        return values.get(0);
    }

    @Test
    void chainPoolAndPeersAreGaugesWithTheNodesValues() throws IOException {
        Map<String, MetricFamily> m = scrape(follower);

        assertThat(m.get("flint_chain_height").getType()).isEqualTo(MetricType.GAUGE);
        assertThat(value(m, "flint_chain_height", "node", "f1")).isEqualTo(12);
        assertThat(value(m, "flint_chain_best_header_height")).isEqualTo(12);
        assertThat(value(m, "flint_chain_difficulty_bits")).isPositive();
        assertThat(value(m, "flint_peers", "status", "ALIVE")).isEqualTo(1);
        assertThat(value(m, "flint_peers", "status", "UNREACHABLE")).isZero();
        assertThat(m.get("flint_peer_unreachable_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(value(m, "flint_peer_unreachable_total")).isZero();
        assertThat(value(m, "flint_reorg_deepest_blocks")).isZero();
        assertThat(value(m, "flint_mempool_transactions")).isEqualTo(1);
        assertThat(value(m, "flint_mempool_bytes")).isEqualTo(follower.node.mempool().bytes()).isPositive();
        assertThat(value(m, "flint_hash_rate")).isZero();
        assertThat(value(m, "flint_peers_banned")).isZero();
        assertThat(m).containsKeys("jvm_memory_used_bytes", "process_uptime_seconds");
    }

    @Test
    void blocksAndTransactionsAreCountedByOutcome() throws IOException {
        Map<String, MetricFamily> f = scrape(follower);
        assertThat(f.get("flint_blocks_received_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(value(f, "flint_blocks_received_total")).isGreaterThanOrEqualTo(12);
        assertThat(value(f, "flint_blocks_accepted_total", "result", "connected")).isEqualTo(12);
        assertThat(value(f, "flint_transactions_received_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(f, "flint_transactions_accepted_total")).isEqualTo(1);
        assertThat(value(f, "flint_messages_received_total", "type", "PING")).isPositive();

        // each new block once, by the path it came; every path has its line from the start
        double arrived = 0;
        for (String via : List.of("inv", "parent", "sync", "push")) {
            arrived += value(f, "flint_blocks_arrived_total", "via", via);
        }
        assertThat(arrived).isEqualTo(12);

        Map<String, MetricFamily> m = scrape(miner);
        for (String via : List.of("inv", "parent", "sync", "push")) {
            assertThat(value(m, "flint_blocks_arrived_total", "via", via)).as(via).isZero();
        }
        // mined here: connected by the miner, not received
        assertThat(value(m, "flint_blocks_accepted_total", "result", "connected")).isEqualTo(12);
        assertThat(value(m, "flint_transactions_accepted_total")).isEqualTo(1);
        // the forged copy spends what the pooled payment spends: refused by its reject code
        MetricFamily rejected = m.get("flint_transactions_rejected_total");
        assertThat(rejected.getMetrics()).hasSize(1);
        assertThat(((Counter) rejected.getMetrics().get(0)).getValue()).isEqualTo(1);
        assertThat(rejected.getMetrics().get(0).getLabels().get("reason")).matches("[a-z-]+");
        System.out.println("[metrics] forged transaction refused as " + rejected.getMetrics().get(0).getLabels());
    }

    @Test
    void validationTimeAndRoundTripsAreHistograms() throws IOException {
        Map<String, MetricFamily> m = scrape(follower);

        MetricFamily validation = m.get("flint_block_validation_seconds");
        assertThat(validation.getType()).isEqualTo(MetricType.HISTOGRAM);
        Histogram v = (Histogram) validation.getMetrics().get(0);
        assertThat(v.getSampleCount()).isEqualTo(12);
        assertThat(v.getSampleSum()).isPositive().isLessThan(30);
        assertThat(v.getBuckets()).extracting(Histogram.Bucket::getUpperBound).contains(0.001, 1.0);
        assertThat(v.getBuckets().get(v.getBuckets().size() - 1).getCumulativeCount()).isEqualTo(12);

        Histogram rtt = (Histogram) m.get("flint_peer_rtt_seconds").getMetrics().get(0);
        assertThat(rtt.getSampleCount()).isPositive();
        assertThat(rtt.getSampleSum()).isPositive();
        // in seconds, as its name says: millisecond buckets are fractions (no wall-clock bound
        // on the round trips themselves: a loaded machine can take a second)
        assertThat(rtt.getBuckets()).extracting(Histogram.Bucket::getUpperBound).contains(0.001, 1.0);
    }

    /** Counters whose label values are not known until the first event (no drop, offence or refusal yet). */
    static final Set<String> ONCE_THEY_HAPPEN = Set.of("flint_blocks_rejected_total", "flint_offences_total",
            "flint_outbox_dropped_total", "flint_messages_dropped_total", "flint_redundant_messages_total");

    @Test
    void everyMetricTheGrafanaDashboardPlotsIsServed() throws IOException {
        String grafana = Files.readString(Path.of("..", "deploy", "grafana", "flint-dashboard.json"));
        Set<String> plotted = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(flint_[a-z_]+?)(_bucket|_sum|_count)?\\b").matcher(grafana);
        while (m.find()) {
            plotted.add(m.group(1));
        }
        Set<String> served = new TreeSet<>(scrape(follower).keySet());
        served.addAll(scrape(miner).keySet());
        assertThat(plotted).hasSizeGreaterThan(20);
        for (String name : plotted) {
            if (!ONCE_THEY_HAPPEN.contains(name)) {
                assertThat(served).as("/metrics families").contains(name);
            }
        }
        assertThat(plotted).containsAll(ONCE_THEY_HAPPEN);
    }

    @Test
    void outboxGaugesAreThereAndNoOffenceWasCounted() throws IOException {
        Map<String, MetricFamily> m = scrape(miner);
        assertThat(m).containsKeys("flint_outbox_queued", "flint_outbox_retries_total");
        assertThat(value(m, "flint_outbox_queued")).isGreaterThanOrEqualTo(0);
        // a forged transaction from this node's own user is refused, not an offence by a peer
        assertThat(m).doesNotContainKey("flint_offences_total");
    }

    @Test
    void connectionLimitsAndTheLoopQueueAreServedAndQuietInAnHonestPair() throws IOException {
        Map<String, MetricFamily> m = scrape(miner);
        assertThat(value(m, "flint_connections_inbound") + value(m, "flint_connections_outbound")).isPositive();
        for (String cause : List.of("inbound_limit", "host_limit")) {
            assertThat(value(m, "flint_connections_refused_total", "cause", cause)).isZero();
        }
        for (String cause : List.of("no_first_frame", "stalled_frame", "over_budget", "evicted")) {
            assertThat(value(m, "flint_connections_closed_total", "cause", cause)).isZero();
        }
        assertThat(value(m, "flint_connections_incomplete_frames_bytes")).isGreaterThanOrEqualTo(0);
        assertThat(value(m, "flint_loop_frames_queued")).isGreaterThanOrEqualTo(0);
        assertThat(value(m, "flint_loop_read_pauses_total")).isZero();
    }
}
