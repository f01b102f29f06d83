package io.flint.p2p;

import io.flint.p2p.message.PeerFlags;
import io.flint.p2p.transport.Endpoint;
import java.util.Objects;

/**
 * Who this node is on the network, as it introduces itself in HELLO.
 *
 * @param id the node id ("5000")
 * @param listen where it listens (advertised as ip/port)
 * @param localNetworkId its local network; with {@code nat}, only peers of the same network may
 *     connect to it ("" = a network of its own)
 * @param payoutAddress where peers may pay it ("" if none)
 * @param httpPort its HTTP API port (0 if none)
 */
public record NodeIdentity(String id, Endpoint listen, boolean nat, boolean light, String localNetworkId,
        String payoutAddress, int httpPort, Mode mode) {
    public NodeIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(mode, "mode");
        localNetworkId = localNetworkId == null ? "" : localNetworkId;
        payoutAddress = payoutAddress == null ? "" : payoutAddress;
    }

    /** A plain full node without NAT, address or HTTP port. */
    public static NodeIdentity of(String id, Endpoint listen) {
        return new NodeIdentity(id, listen, false, false, "", "", 0, Mode.NORMAL);
    }

    public PeerFlags flags(boolean newNode) {
        return new PeerFlags(nat, light, newNode, localNetworkId);
    }

    public NodeIdentity withNat(boolean value, String network) {
        return new NodeIdentity(id, listen, value, light, network, payoutAddress, httpPort, mode);
    }

    public NodeIdentity withLight(boolean value) {
        return new NodeIdentity(id, listen, nat, value, localNetworkId, payoutAddress, httpPort, mode);
    }

    public NodeIdentity withMode(Mode value) {
        return new NodeIdentity(id, listen, nat, light, localNetworkId, payoutAddress, httpPort, value);
    }

    public NodeIdentity withHttpPort(int value) {
        return new NodeIdentity(id, listen, nat, light, localNetworkId, payoutAddress, value, mode);
    }

    public NodeIdentity withPayoutAddress(String value) {
        return new NodeIdentity(id, listen, nat, light, localNetworkId, value, httpPort, mode);
    }
}
