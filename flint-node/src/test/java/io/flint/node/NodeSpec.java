package io.flint.node;

import io.flint.node.config.PeerSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One node of a {@link NodeNetwork}: its id and role, as a config.json entry and the node's flags
 * describe a peer.
 *
 * @param id the node id ("5001")
 * @param fanout peers each gossiped message goes to
 * @param malicious emits forged blocks and transactions
 * @param nat behind NAT: only peers of {@code localNetworkId} may connect to it
 * @param light keeps headers only
 * @param localNetworkId its NAT local network ("" = public)
 * @param miner a miner by role (config.json's {@code "mine": true}); tests decide when it mines
 *     ({@link NodeNetwork#mine}), so it never mines on its own
 * @param dynamic joins as a new node ({@code --dynamic}: HELLO with new_node, then GET_PEERS and
 *     sync) rather than as a member of the bootstrap set
 * @param bootstrap ids of the nodes it knows at start (its config's other peers); empty = every
 *     node started before it. On ephemeral ports only nodes started before it can be named; on
 *     fixed addresses any id can, started or not ({@link NodeNetwork.Builder#onRandomLoopbackHost})
 * @param txInterval pay a random peer this often ({@code --tx-interval}); empty = never
 */
public record NodeSpec(String id, int fanout, boolean malicious, boolean nat, boolean light, String localNetworkId,
        boolean miner, boolean dynamic, Optional<List<String>> bootstrap, Optional<Duration> txInterval) {

    public NodeSpec {
        bootstrap = bootstrap.map(List::copyOf);
        if (nat && localNetworkId.isEmpty()) {
            throw new IllegalArgumentException("NATed node " + id + " needs a local network id");
        }
    }

    /** A plain full node with fanout 2, in the bootstrap set, that knows every node started before it. */
    public static NodeSpec full(String id) {
        return new NodeSpec(id, PeerSpec.DEFAULT_FANOUT, false, false, false, "", false, false, Optional.empty(),
                Optional.empty());
    }

    /** The node a config.json entry describes. */
    public static NodeSpec of(PeerSpec peer) {
        return new NodeSpec(peer.id(), peer.fanout(), peer.malicious(), peer.nat(), peer.light(), peer.localNetworkId(),
                peer.mine(), false, Optional.empty(), Optional.empty());
    }

    public NodeSpec withFanout(int value) {
        return new NodeSpec(id, value, malicious, nat, light, localNetworkId, miner, dynamic, bootstrap, txInterval);
    }

    public NodeSpec asMiner() {
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, true, dynamic, bootstrap, txInterval);
    }

    public NodeSpec asLight() {
        return new NodeSpec(id, fanout, malicious, nat, true, localNetworkId, miner, dynamic, bootstrap, txInterval);
    }

    public NodeSpec asMalicious() {
        return new NodeSpec(id, fanout, true, nat, light, localNetworkId, miner, dynamic, bootstrap, txInterval);
    }

    /** Behind NAT in local network {@code network}. */
    public NodeSpec behindNat(String network) {
        return new NodeSpec(id, fanout, malicious, true, light, network, miner, dynamic, bootstrap, txInterval);
    }

    /** Joins as a new node ({@code --dynamic}) instead of as a member of the bootstrap set. */
    public NodeSpec joining() {
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, miner, true, bootstrap, txInterval);
    }

    /** Knows only these nodes at start (its own id, if listed, is left out); none at all for no ids. */
    public NodeSpec knowing(String... ids) {
        return knowing(List.of(ids));
    }

    /** Knows only these nodes at start (its own id, if listed, is left out); none at all for an empty list. */
    public NodeSpec knowing(Collection<String> ids) {
        List<String> others = ids.stream().filter(other -> !other.equals(id)).toList();
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, miner, dynamic, Optional.of(others),
                txInterval);
    }

    public NodeSpec payingEvery(Duration interval) {
        return new NodeSpec(id, fanout, malicious, nat, light, localNetworkId, miner, dynamic, bootstrap,
                Optional.of(interval));
    }

    /** Honest and keeping whole blocks: the nodes that must agree on one best chain. */
    public boolean honestFull() {
        return !light && !malicious;
    }

    public String role() {
        return PeerSpec.roleOf(light, miner, malicious) + (nat ? "+nat(" + localNetworkId + ")" : "")
                + (dynamic ? "+dynamic" : "");
    }
}
