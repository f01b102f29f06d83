package io.flint.p2p;

import io.flint.p2p.message.Envelope;
import io.flint.p2p.snapshot.CapacitySnapshot;
import io.flint.p2p.snapshot.QueueSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Messages waiting to be sent, per destination and priority. Sends go out at once while the
 * destination's rate limit (and, simulated, the link's capacity) has tokens; otherwise they wait
 * for {@link #drain}. Destinations take turns (round robin), a queue limit bounds memory
 * (lower-priority messages are evicted first), failed sends are retried with doubling backoff
 * and then dropped. Every drop is counted by cause. Event-loop thread only.
 */
final class Outbox {

    /** One message for one destination peer. */
    record Item(String destination, Envelope envelope, Priority priority, int attempts, long seq) {}

    /** Hands an item to the transport; false if there is no route to its destination. */
    interface Transmitter {
        boolean transmit(Item item);
    }

    private record Timed(long at, long seq, Item item) {}

    private static final int CAPACITY_HISTORY = 120;

    private final P2pConfig config;
    private final RandomGenerator random;
    private final Counters counters;
    private final Transmitter transmitter;
    private final Map<String, EnumMap<Priority, ArrayDeque<Item>>> queues = new LinkedHashMap<>();
    private final Map<String, TokenBucket> rates = new LinkedHashMap<>();
    private final PriorityQueue<Timed> waiting = new PriorityQueue<>(
            Comparator.comparingLong(Timed::at).thenComparingLong(Timed::seq));
    private final List<CapacitySnapshot.Sample> capacityHistory = new ArrayList<>();
    private TokenBucket capacity;
    private double currentCapacity;
    private long nextCapacityChange;
    private int total;
    private long seq;
    private long retries;
    private int cursor;

    Outbox(P2pConfig config, RandomGenerator random, Counters counters, Transmitter transmitter, long now) {
        this.config = config;
        this.random = random;
        this.counters = counters;
        this.transmitter = transmitter;
        if (config.link().enabled() && !config.link().unlimitedCapacity()) {
            changeCapacity(now);
        }
    }

    private void changeCapacity(long now) {
        LinkSimulation link = config.link();
        currentCapacity = link.minCapacity() + random.nextDouble() * (link.maxCapacity() - link.minCapacity());
        if (capacity == null) {
            capacity = new TokenBucket(currentCapacity, Math.max(1, currentCapacity), now);
        } else {
            capacity.setRate(currentCapacity, now);
        }
        capacityHistory.add(new CapacitySnapshot.Sample(Instant.ofEpochMilli(now), currentCapacity));
        if (capacityHistory.size() > CAPACITY_HISTORY) {
            capacityHistory.remove(0);
        }
        nextCapacityChange = now + link.capacityChangeInterval().toMillis();
    }

    /** Queues a message (and sends what the limits allow right away). */
    void enqueue(String destination, Envelope envelope, Priority priority, long now) {
        add(new Item(destination, envelope, priority, 0, seq++), now);
        drain(now);
    }

    private void add(Item item, long now) {
        EnumMap<Priority, ArrayDeque<Item>> q = queues.computeIfAbsent(item.destination(),
                d -> new EnumMap<>(Priority.class));
        if (sizeOf(q) >= config.destinationQueueLimit() || total >= config.queueLimit()) {
            if (!evictBelow(q, item.priority())) {
                counters.outboxDropped("queue_full");
                if (q.isEmpty()) {
                    queues.remove(item.destination());
                }
                return;
            }
        }
        q.computeIfAbsent(item.priority(), p -> new ArrayDeque<>()).addLast(item);
        total++;
    }

    private boolean evictBelow(EnumMap<Priority, ArrayDeque<Item>> q, Priority incoming) {
        Priority[] all = Priority.values();
        for (int i = all.length - 1; i > incoming.ordinal(); i--) {
            ArrayDeque<Item> d = q.get(all[i]);
            if (d != null && !d.isEmpty()) {
                d.pollLast();
                total--;
                counters.outboxDropped("queue_full");
                return true;
            }
        }
        return false;
    }

    private static int sizeOf(EnumMap<Priority, ArrayDeque<Item>> q) {
        int n = 0;
        for (ArrayDeque<Item> d : q.values()) {
            n += d.size();
        }
        return n;
    }

    /** A send that failed: again after a backoff, or dropped after {@code maxRetries}. */
    void retry(Item item, long now) {
        if (item.attempts() >= config.maxRetries()) {
            counters.outboxDropped("retries_exhausted");
            return;
        }
        retries++;
        long backoff = config.retryBackoff().toMillis() << item.attempts();
        Item again = new Item(item.destination(), item.envelope(), item.priority(), item.attempts() + 1, seq++);
        waiting.add(new Timed(now + backoff, again.seq(), again));
    }

    /**
     * Forgets everything queued for {@code destination} (banned or removed), counting it, and its
     * rate limit: peers come and go under ever new ids, and their buckets must not stay behind.
     */
    void purge(String destination, String cause) {
        rates.remove(destination);
        EnumMap<Priority, ArrayDeque<Item>> q = queues.remove(destination);
        if (q != null) {
            int n = sizeOf(q);
            total -= n;
            for (int i = 0; i < n; i++) {
                counters.outboxDropped(cause);
            }
        }
        waiting.removeIf(t -> t.item().destination().equals(destination));
    }

    /** Sends what the limits allow; called on every enqueue and tick. */
    void drain(long now) {
        if (config.link().enabled() && !config.link().unlimitedCapacity() && now >= nextCapacityChange) {
            changeCapacity(now);
        }
        while (!waiting.isEmpty() && waiting.peek().at() <= now) {
            Item item = waiting.poll().item();
            if (item.attempts() < 0) {
                transmitNow(unDelayed(item));
            } else {
                add(item, now);
            }
        }
        boolean progress = true;
        while (progress && total > 0) {
            progress = false;
            List<String> order = new ArrayList<>(queues.keySet());
            int n = order.size();
            for (int k = 0; k < n; k++) {
                String destination = order.get((cursor + k) % n);
                EnumMap<Priority, ArrayDeque<Item>> q = queues.get(destination);
                if (q == null) {
                    continue;
                }
                TokenBucket rate = rates.computeIfAbsent(destination,
                        d -> new TokenBucket(config.destinationRate(), config.destinationBurst(), now));
                if (!rate.available(now)) {
                    continue;
                }
                if (capacity != null && !capacity.tryTake(now)) {
                    cursor = (cursor + k) % n;
                    return;
                }
                rate.tryTake(now);
                Item item = pollFirst(q);
                if (q.isEmpty() || sizeOf(q) == 0) {
                    queues.remove(destination);
                }
                progress = true;
                send(item, now);
            }
            cursor = n == 0 ? 0 : (cursor + 1) % n;
        }
    }

    private Item pollFirst(EnumMap<Priority, ArrayDeque<Item>> q) {
        for (ArrayDeque<Item> d : q.values()) {
            Item item = d.pollFirst();
            if (item != null) {
                total--;
                return item;
            }
        }
        throw new IllegalStateException("polled an empty destination queue");
    }

    private void send(Item item, long now) {
        LinkSimulation link = config.link();
        if (link.enabled()) {
            if (random.nextDouble() < link.dropProbability()) {
                counters.outboxDropped("link_loss");
                return;
            }
            long min = link.minDelay().toMillis();
            long delay = min + (link.maxDelay().toMillis() > min
                    ? random.nextLong(link.maxDelay().toMillis() - min + 1) : 0);
            if (delay > 0) {
                // a negative attempt count marks "already paid for, only delayed"
                Item delayed = new Item(item.destination(), item.envelope(), item.priority(), -1 - item.attempts(),
                        item.seq());
                waiting.add(new Timed(now + delay, seq++, delayed));
                return;
            }
        }
        transmitNow(item);
    }

    private static Item unDelayed(Item item) {
        return new Item(item.destination(), item.envelope(), item.priority(), -1 - item.attempts(), item.seq());
    }

    private void transmitNow(Item item) {
        if (!transmitter.transmit(item)) {
            counters.outboxDropped("no_route");
        }
    }

    /** Nothing queued, delayed or waiting for a retry. */
    boolean isDrained() {
        return total == 0 && waiting.isEmpty();
    }

    QueueSnapshot snapshot() {
        Map<String, Map<String, Integer>> per = new TreeMap<>();
        for (Map.Entry<String, EnumMap<Priority, ArrayDeque<Item>>> e : queues.entrySet()) {
            Map<String, Integer> counts = new TreeMap<>();
            e.getValue().forEach((p, d) -> {
                if (!d.isEmpty()) {
                    counts.put(p.name(), d.size());
                }
            });
            per.put(e.getKey(), counts);
        }
        Iterator<Timed> it = waiting.iterator();
        int waitingCount = 0;
        while (it.hasNext()) {
            it.next();
            waitingCount++;
        }
        return new QueueSnapshot(total + waitingCount, per, counters.outboxDroppedView(), retries, waitingCount);
    }

    CapacitySnapshot capacity() {
        return new CapacitySnapshot(config.link().enabled(), config.link().enabled() ? currentCapacity : 0,
                capacityHistory);
    }
}
