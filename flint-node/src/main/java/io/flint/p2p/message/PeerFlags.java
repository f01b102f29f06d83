package io.flint.p2p.message;

/**
 * The {@code flags} object of HELLO, NEW_PEER and PEERS_LIST. {@code localNetworkId} is Flint's
 * addition (wire key {@code localnetworkid}): a NATed peer accepts connections only from peers
 * with the same id, so whoever learns of a peer also learns whether it may dial it.
 *
 * @param localNetworkId the peer's local network, or "" when it did not say
 */
public record PeerFlags(boolean nat, boolean light, boolean newNode, String localNetworkId) {
    public static final PeerFlags NONE = new PeerFlags(false, false, false, "");

    public PeerFlags {
        localNetworkId = localNetworkId == null ? "" : localNetworkId;
    }

    public PeerFlags withNewNode(boolean value) {
        return new PeerFlags(nat, light, value, localNetworkId);
    }
}
