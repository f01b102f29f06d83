package io.flint.node;

import io.flint.node.config.PeerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One node of a {@link NodeNetwork}: its id and role, as a config.json entry describes a peer.
 *
 * @param id the node id ("5001")
 * @param fanout peers each gossiped message goes to
 * @param malicious emits forged blocks and transactions
 * @param nat behind NAT: only peers of {@code localNetworkId} may connect to it
 * @param light keeps headers only
 * @param localNetworkId its NAT local network ("" = public)
 * @param miner a miner by role (config.json's {@code "mine": true}); tests decide when it mines
 *     ({@link NodeNetwork#mine}), so it never mines on its own
 * @param bootstrap ids of the already started nodes it knows at start; empty = all of them
 * @param txInterval pay a random peer this often ({@code --tx-interval}); empty = never
 */
public record NodeSpec(String id, int fanout, boolean malicious, boolean nat, boolean light, String localNetworkId,
        boolean miner, Optional<List<String>> bootstrap, Optional<Duration> txInterval) {

    public NodeSpec {
        bootstrap = bootstrap.map(List::copyOf);
        if (nat && localNetworkId.isEmpty()) {
            throw new IllegalArgumentException("NATed node " + id + " needs a local network id");
        }
    }

    /** A plain full node with fanout 2 that knows every node started before it. */
    public static NodeSpec full(String id) {
        return new NodeSpec(id, PeerSpec.DEFAULT_FANOUT, false, false, false, "", false, Optional.empty(),
                Optional.empty());
    }

    /** The node a config.json entry describes. */
    public static NodeSpec of(PeerSpec peer) {
        return new NodeSpec(peer.id(), peer.fanout(), peer.malicious(), peer.nat(), peer.light(), peer.localNetworkId(),
                peer.mine(), Optional.empty(), Optional.empty());
    }

    public NodeSpec withFanout(int value) {
        return new NodeSpec(id, value, malicious, nat, light, localNetworkId, miner, bootstrap, txInterval);
    }

    public NodeSpec asMiner() {
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, true, bootstrap, txInterval);
    }

    public NodeSpec asLight() {
        return new NodeSpec(id, fanout, malicious, nat, true, localNetworkId, miner, bootstrap, txInterval);
    }

    public NodeSpec asMalicious() {
        return new NodeSpec(id, fanout, true, nat, light, localNetworkId, miner, bootstrap, txInterval);
    }

    /** Behind NAT in local network {@code network}. */
    public NodeSpec behindNat(String network) {
        return new NodeSpec(id, fanout, malicious, true, light, network, miner, bootstrap, txInterval);
    }

    /** Knows only these of the nodes started before it. */
    public NodeSpec knowing(String... ids) {
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, miner, Optional.of(List.of(ids)),
                txInterval);
    }

    public NodeSpec payingEvery(Duration interval) {
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, miner, bootstrap, Optional.of(interval));
    }

    /** Honest and keeping whole blocks: the nodes that must agree on one best chain. */
    public boolean honestFull() {
        return !light && !malicious;
    }

    public String role() {
        String base = light ? "light" : miner ? "miner" : "full";
        return (malicious ? base + "+malicious" : base) + (nat ? "+nat(" + localNetworkId + ")" : "");
    }
}
