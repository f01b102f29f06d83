package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.p2p.message.Envelope;
import io.flint.p2p.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final List<Outbox.Item> sent = new ArrayList<>();
    private final Counters counters = new Counters();
    private long now = 1_000_000;
    private int ids;

    private Outbox outbox(P2pConfig config) {
        return new Outbox(config, new SplittableRandom(7), counters, item -> {
            sent.add(item);
            return !item.destination().equals("nowhere");
        }, now);
    }

    private static P2pConfig config() {
        return P2pConfig.defaults(SimNet.identity("5000"), List.of());
    }

    private Envelope env(Message body) {
        return new Envelope("5000", Envelope.messageIdOf(0, ids++), body);
    }

    private void enqueue(Outbox o, String to, Message body) {
        o.enqueue(to, env(body), Priority.of(body.type()), now);
    }

    private static Message tx() {
        return new Message.GetMempool();
    }

    @Test
    void sendsAtOnceWhileTokensAllow() {
        Outbox o = outbox(config());
        enqueue(o, "a", new Message.GetPeers());
        assertThat(sent).hasSize(1);
        assertThat(o.isDrained()).isTrue();
    }

    @Test
    void higherPriorityGoesFirstAndDestinationsTakeTurns() {
        // one message per second per destination: what waits shows the order
        Outbox o = outbox(config().withOutboxLimits(100, 100, 1, 1));
        enqueue(o, "a", new Message.GetPeers());
        enqueue(o, "a", tx());
        enqueue(o, "a", new Message.GetLatestBlock(1));
        enqueue(o, "a", new Message.Ping(1, null, List.of()));
        enqueue(o, "b", tx());
        enqueue(o, "b", new Message.GetBlock(List.of()));
        assertThat(sent).extracting(Outbox.Item::destination).containsExactly("a", "b");
        List<List<String>> waves = new ArrayList<>();
        for (int second = 0; second < 3; second++) {
            int before = sent.size();
            now += 1000;
            o.drain(now);
            waves.add(sent.subList(before, sent.size()).stream()
                    .map(i -> i.destination() + ":" + i.envelope().type()).toList());
        }
        // each second every destination with something queued sends its most urgent message
        assertThat(waves.get(0)).containsExactlyInAnyOrder("a:PING", "b:GETBLOCK");
        assertThat(waves.get(1)).containsExactly("a:GET_LATEST_BLOCK");
        assertThat(waves.get(2)).containsExactly("a:GET_MEMPOOL");
    }

    @Test
    void theQueueLimitEvictsLowerPrioritiesAndCountsDrops() {
        Outbox o = outbox(config().withOutboxLimits(100, 3, 1, 1));
        enqueue(o, "a", new Message.GetPeers()); // sent
        enqueue(o, "a", tx());
        enqueue(o, "a", tx());
        enqueue(o, "a", tx());
        enqueue(o, "a", tx()); // queue full, nothing lower: dropped
        enqueue(o, "a", new Message.Ping(1, null, List.of())); // evicts a queued transaction message
        assertThat(o.snapshot().dropped()).containsEntry("queue_full", 2L);
        assertThat(counters.snapshot().dropped()).as("incoming drops").isEmpty();
        assertThat(o.snapshot().perDestination().get("a")).containsEntry("CONTROL", 1).containsEntry("TRANSACTIONS", 2);
    }

    @Test
    void failedSendsAreRetriedWithDoublingBackoffThenDropped() {
        Outbox o = outbox(config());
        enqueue(o, "a", tx());
        Outbox.Item first = sent.get(0);
        o.retry(first, now);
        o.drain(now + 499);
        assertThat(sent).hasSize(1);
        // waiting for its retry: counted in the total, and said so (the total was more than
        // the per-destination counts with no reason given)
        assertThat(o.snapshot().total()).isEqualTo(1);
        assertThat(o.snapshot().waiting()).isEqualTo(1);
        assertThat(o.snapshot().perDestination().getOrDefault("a", java.util.Map.of())).isEmpty();
        o.drain(now + 500);
        assertThat(sent).hasSize(2);
        Outbox.Item second = sent.get(1);
        assertThat(second.attempts()).isEqualTo(1);
        o.retry(second, now + 500);
        o.drain(now + 500 + 999);
        assertThat(sent).hasSize(2);
        o.drain(now + 1500);
        assertThat(sent).hasSize(3);
        o.retry(sent.get(2), now + 1500);
        o.drain(now + 3500);
        o.retry(sent.get(3), now + 3500);
        assertThat(o.snapshot().dropped()).containsEntry("retries_exhausted", 1L);
        assertThat(o.snapshot().retries()).isEqualTo(3);
    }

    @Test
    void aDestinationWithoutRouteIsCountedAsDrop() {
        Outbox o = outbox(config());
        enqueue(o, "nowhere", tx());
        assertThat(o.snapshot().dropped()).containsEntry("no_route", 1L);
    }

    @Test
    void purgeForgetsADestination() {
        Outbox o = outbox(config().withOutboxLimits(100, 100, 1, 1));
        enqueue(o, "a", tx());
        enqueue(o, "a", tx());
        enqueue(o, "a", tx());
        o.purge("a", "banned");
        assertThat(o.isDrained()).isTrue();
        assertThat(o.snapshot().dropped()).containsEntry("banned", 2L);
    }

    @Test
    void linkSimulationDropsDelaysAndLimitsCapacity() {
        LinkSimulation link = new LinkSimulation(true, 10, 10, Duration.ofSeconds(5), 0.5, Duration.ofMillis(100),
                Duration.ofMillis(100));
        Outbox o = outbox(config().withLink(link));
        for (int i = 0; i < 40; i++) {
            enqueue(o, "d" + (i % 4), tx());
        }
        // a burst of at most the capacity leaves now, and none of it before its delay
        assertThat(sent).isEmpty();
        now += 100;
        o.drain(now);
        int firstWave = sent.size();
        assertThat(firstWave).isBetween(1, 10);
        now += 10_000;
        for (int t = 0; t < 100; t++) {
            now += 100;
            o.drain(now);
        }
        long lost = o.snapshot().dropped().getOrDefault("link_loss", 0L);
        assertThat(sent.size() + lost).isEqualTo(40);
        assertThat(lost).isBetween(8L, 32L);
        assertThat(o.capacity().simulated()).isTrue();
        assertThat(o.capacity().current()).isEqualTo(10.0);
        assertThat(o.capacity().history()).isNotEmpty();
    }

    @Test
    void capacityWandersWithinItsRange() {
        LinkSimulation link = new LinkSimulation(true, 20, 200, Duration.ofSeconds(1), 0, Duration.ZERO,
                Duration.ZERO);
        Outbox o = outbox(config().withLink(link));
        for (int i = 0; i < 30; i++) {
            now += 1000;
            o.drain(now);
        }
        assertThat(o.capacity().history()).hasSizeGreaterThan(20)
                .allSatisfy(s -> assertThat(s.messagesPerSecond()).isBetween(20.0, 200.0));
        assertThat(o.capacity().history().stream().map(s -> s.messagesPerSecond()).distinct().count())
                .isGreaterThan(10);
    }

    /** A lab's delay alone (--link-delay without --link-sim): every message late, none lost, no rate cap. */
    @Test
    void aDelayAloneHoldsEveryMessageButNeitherDropsNorLimitsThem() {
        LinkSimulation link = new LinkSimulation(true, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Duration.ofSeconds(5), 0, Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(link.unlimitedCapacity()).isTrue();
        Outbox o = outbox(config().withLink(link));
        for (int i = 0; i < 300; i++) {
            enqueue(o, "d" + (i % 3), tx());
        }
        now += 499;
        o.drain(now);
        assertThat(sent).isEmpty();
        now += 1;
        o.drain(now);
        assertThat(sent).as("all at once: the link has no capacity limit").hasSize(300);
        assertThat(o.snapshot().dropped()).doesNotContainKey("link_loss");
        assertThat(o.capacity().current()).as("0: unlimited").isZero();
    }
}
