package io.flint.node;

import io.flint.p2p.transport.Endpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Where the nodes of a {@link NodeNetwork} listen, and so the address one node's config names for
 * another. Either way a node listens at the same address every time it starts, as a restarted
 * process with the same config would.
 *
 * <ul>
 *   <li><b>Ephemeral</b>: 127.0.0.1 and a port the system picks at first start. Runs never
 *       collide, but a node has an address only once it has started, so a config can name only
 *       nodes started before it.
 *   <li><b>Fixed</b>: one host of 127.0.0.0/8 and a port per node id, handed out in the order ids
 *       are first named. A config can name nodes not started yet (a bootstrap set whose members
 *       all know each other), and a crashed node's peers keep dialling a real address. A random
 *       host keeps fixed ports from clashing with another run on the machine.
 * </ul>
 */
final class LoopbackAddresses {
    static final String LOOPBACK = "127.0.0.1";

    private final String host;
    private final int firstPort;
    private final boolean fixed;
    private final Map<String, Endpoint> known = new HashMap<>();

    private LoopbackAddresses(String host, int firstPort, boolean fixed) {
        this.host = host;
        this.firstPort = firstPort;
        this.fixed = fixed;
    }

    static LoopbackAddresses ephemeral() {
        return new LoopbackAddresses(LOOPBACK, 0, false);
    }

    static LoopbackAddresses fixed(String host, int firstPort) {
        if (firstPort < 1 || firstPort > 65_535) {
            throw new IllegalArgumentException("first port " + firstPort + " is outside 1..65535");
        }
        return new LoopbackAddresses(host, firstPort, true);
    }

    /**
     * A random address of 127.0.0.0/8 (127.1-254.1-254.1-254): every one is this machine's
     * loopback, so a network on one can use fixed ports without clashing with another run.
     */
    static String randomLoopbackHost(RandomGenerator random) {
        return "127." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254));
    }

    String host() {
        return host;
    }

    /** Where node {@code id} is to listen: its address, or (ephemeral, first start) port 0. */
    synchronized Endpoint listenOn(String id) {
        return address(id).orElseGet(() -> new Endpoint(host, 0));
    }

    /** Records where a node started listening (the port the system picked, when it was 0). */
    synchronized void started(String id, Endpoint actual) {
        known.put(id, actual);
    }

    /** The address of node {@code id} that a config names; empty while an ephemeral node has never started. */
    synchronized Optional<Endpoint> address(String id) {
        if (fixed && !known.containsKey(id)) {
            int port = firstPort + known.size();
            if (port > 65_535) {
                throw new IllegalStateException("no port left on " + host + " for node " + id);
            }
            known.put(id, new Endpoint(host, port));
        }
        return Optional.ofNullable(known.get(id));
    }
}
