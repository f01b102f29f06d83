package io.flint.cluster;

import io.flint.node.NodeNetwork;
import io.flint.node.NodeSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

/** The membership ITs' network: real nodes on fixed ports of a random loopback host, and their bootstrap set. */
final class LoopbackNetworks {
    /** The bootstrap set of four: each names the others in its config. */
    static final List<String> BOOTSTRAP = List.of("b0", "b1", "b2", "b3");
    private static final int FIRST_PORT = 5000;

    private LoopbackNetworks() {}

    /**
     * Fixed addresses, because each bootstrap peer's config names the others before they have
     * started; a random 127.x.y.z so they never clash with another run.
     */
    static NodeNetwork network(Path dir, RandomGenerator random) {
        return NodeNetwork.builder(dir).onRandomLoopbackHost(random, FIRST_PORT).build();
    }

    /** Starts the {@link #BOOTSTRAP} set, each node knowing the others; does not wait for them to mesh. */
    static void startBootstrap(NodeNetwork net) {
        for (String id : BOOTSTRAP) {
            net.start(NodeSpec.full(id).knowing(BOOTSTRAP));
        }
    }
}
