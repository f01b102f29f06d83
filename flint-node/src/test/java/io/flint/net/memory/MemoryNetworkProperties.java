package io.flint.net.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.TransportListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * What the simulator relies on: one seed gives one history (every callback at the same virtual
 * instant, in the same order), and frames on a connection never overtake each other, whatever
 * the jitter and loss.
 */
class MemoryNetworkProperties {

    private static final int NODES = 6;

    @Property(tries = 25)
    void oneSeedGivesOneHistory(@ForAll long seed) {
        assertThat(run(seed).log).isEqualTo(run(seed).log);
    }

    @Property(tries = 25)
    void framesOnAConnectionKeepTheirOrderDespiteJitterAndLoss(@ForAll long seed) {
        Run run = run(seed);
        for (Map.Entry<String, List<Integer>> stream : run.sequencesByConnection.entrySet()) {
            assertThat(stream.getValue()).as(stream.getKey()).isSorted().doesNotHaveDuplicates();
        }
    }

    private record Run(List<String> log, Map<String, List<Integer>> sequencesByConnection) {}

    private static Run run(long seed) {
        VirtualScheduler time = new VirtualScheduler(Instant.EPOCH);
        MemoryNetwork network = new MemoryNetwork(time, new SplittableRandom(seed));
        network.setDefaultConditions(new LinkConditions(Duration.ofMillis(3), Duration.ofMillis(40), 0.15));
        SplittableRandom scenario = new SplittableRandom(~seed);
        List<String> log = new ArrayList<>();
        Map<String, List<Integer>> sequences = new HashMap<>();
        List<MemoryTransport> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            MemoryTransport node = network.newTransport();
            Endpoint self = new Endpoint("127.0.0.1", 5000 + i);
            node.start(self, new TransportListener() {
                @Override
                public void onFrame(ConnectionId connection, Endpoint remote, byte[] payload) {
                    String text = new String(payload, StandardCharsets.UTF_8);
                    log.add(time.now() + " " + self + " frame " + connection + " " + text);
                    String[] parts = text.split(" ");
                    if (connection.inbound()) {
                        node.bind(connection, Endpoint.parse(parts[0]));
                    }
                    sequences.computeIfAbsent(self + "/" + connection, k -> new ArrayList<>())
                            .add(Integer.parseInt(parts[1]));
                }

                @Override
                public void onBadFrame(ConnectionId connection, Endpoint remote, String reason) {
                    log.add(time.now() + " " + self + " bad " + connection + " " + reason);
                }

                @Override
                public void onConnected(ConnectionId connection, Endpoint remote) {
                    log.add(time.now() + " " + self + " connected " + connection + " " + remote);
                }

                @Override
                public void onSendFailed(Endpoint to, byte[] payload, String reason) {
                    log.add(time.now() + " " + self + " failed " + to + " " + reason);
                }
            });
            nodes.add(node);
        }
        int[] sent = new int[NODES];
        for (int step = 0; step < 200; step++) {
            int from = scenario.nextInt(NODES);
            int to = (from + 1 + scenario.nextInt(NODES - 1)) % NODES;
            // one counter per sender: order on any one connection shows as increasing numbers
            nodes.get(from).send(nodes.get(to).localEndpoint(),
                    (nodes.get(from).localEndpoint() + " " + sent[from]++).getBytes(StandardCharsets.UTF_8));
            time.runFor(Duration.ofMillis(scenario.nextInt(5)));
        }
        time.runUntilIdle(1_000_000);
        return new Run(log, sequences);
    }
}
