package io.flint.cli;

import io.flint.node.FlintNode;
import io.flint.p2p.snapshot.PeerSnapshot;
import io.flint.p2p.transport.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * Bootstrap peers known only by address ({@code --peers}, {@code PEER_NODES}): the seed's
 * Kubernetes form, where a pod knows the DNS names of some peers but not their node ids. Each
 * address is greeted with HELLO until a peer the node knows lives there, with a backoff that
 * doubles up to {@link #MAX_BACKOFF}; a peer the node later forgets is greeted again. Containers
 * and pods start in any order, so one HELLO at start would often go to a peer that is not up yet.
 *
 * <p>Peers advertise their IP, so an address given as a host name is compared through what the
 * name resolves to: looked up when the bootstrap is made, and again off the event loop each time
 * the address is greeted (a restarted pod may come back with another IP). Without that, a name
 * would never match a known peer and be greeted every minute forever, its own name included.
 */
final class AddressBootstrap {
    static final Duration TICK = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final FlintNode node;
    private final Map<Endpoint, Attempts> addresses = new LinkedHashMap<>();
    /** Each address as IP:PORT endpoints, as last looked up (written by lookups, read by ticks). */
    private final Map<Endpoint, Set<Endpoint>> resolved = new ConcurrentHashMap<>();
    private ScheduledFuture<?> task;

    /** When an address is next greeted and how long after that. */
    private static final class Attempts {
        long next;
        long backoff = FIRST_BACKOFF.toMillis();
    }

    AddressBootstrap(FlintNode node, List<Endpoint> addresses) {
        this.node = node;
        for (Endpoint e : addresses) {
            this.addresses.put(e, new Attempts());
            resolve(e);
        }
    }

    /** The system resolver's addresses of {@code host}, none when it does not resolve (yet); blocks, so never on the event loop. */
    private static List<String> lookUp(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private void resolve(Endpoint address) {
        Set<Endpoint> ips = new HashSet<>();
        for (String ip : lookUp(address.host())) {
            ips.add(new Endpoint(ip, address.port()));
        }
        resolved.put(address, ips);
    }

    /** Greets now and then on the node's event loop until the node stops. */
    AddressBootstrap start() {
        if (!addresses.isEmpty() && task == null) {
            task = node.loop().every(TICK, this::tick);
        }
        return this;
    }

    /** One round: greets every address that is due and where no known peer lives; returns those greeted. */
    List<Endpoint> tick() {
        List<Endpoint> greeted = new ArrayList<>();
        long now = node.clock().millis();
        Set<Endpoint> known = new HashSet<>();
        for (PeerSnapshot p : node.network().published().peers()) {
            known.add(new Endpoint(p.ip(), p.port()));
        }
        Endpoint self = node.advertisedEndpoint();
        for (Map.Entry<Endpoint, Attempts> e : addresses.entrySet()) {
            Attempts a = e.getValue();
            Set<Endpoint> ips = resolved.getOrDefault(e.getKey(), Set.of());
            if (e.getKey().equals(self) || known.contains(e.getKey()) || ips.contains(self)
                    || ips.stream().anyMatch(known::contains)) {
                a.next = 0;
                a.backoff = FIRST_BACKOFF.toMillis();
                continue;
            }
            if (now >= a.next) {
                node.addBootstrapAddress(e.getKey());
                greeted.add(e.getKey());
                a.next = now + a.backoff;
                a.backoff = Math.min(a.backoff * 2, MAX_BACKOFF.toMillis());
                CompletableFuture.runAsync(() -> resolve(e.getKey()));
            }
        }
        return greeted;
    }

    /**
     * Parses {@code HOST:PORT} entries as {@code --peers} and {@code PEER_NODES} give them
     * (blank entries, e.g. from a trailing comma, are skipped).
     *
     * @throws UserError naming the entry that is not {@code HOST:PORT}
     */
    static List<Endpoint> parse(List<String> entries) {
        List<Endpoint> out = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                out.add(Endpoint.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new UserError("--peers / PEER_NODES: " + e.getMessage()
                        + " (expected HOST:PORT[,HOST:PORT...])", ExitCodes.USAGE);
            }
        }
        return List.copyOf(out);
    }
}
