package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.p2p.transport.ConnectionId;
import io.flint.p2p.transport.Endpoint;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
    private final Connections connections = new Connections();
    private final ConnectionId in1 = new ConnectionId(1, true);
    private final ConnectionId in2 = new ConnectionId(2, true);
    private final ConnectionId out3 = new ConnectionId(3, false);

    @Test
    void aSecondConnectionForALivePeerIsServedButBlameStaysWithTheConnection() {
        connections.opened(in1, new Endpoint("10.0.0.1", 40000));
        connections.bind(in1, "5001", false);
        connections.opened(in2, new Endpoint("10.0.0.9", 40001));
        connections.bind(in2, "5001", true);

        assertThat(connections.confirmedPeerOf(in1)).isEqualTo("5001");
        assertThat(connections.peerOf(in2)).isEqualTo("5001");
        assertThat(connections.confirmedPeerOf(in2)).isNull();
        // a later HELLO on it re-binds it but does not confirm it
        assertThat(connections.bind(in2, "5001", false)).isEqualTo("5001");
        assertThat(connections.isUnconfirmed(in2)).isTrue();
        connections.unbind(in2);
        assertThat(connections.speaksForSomeone(in2)).isFalse();
        assertThat(connections.isUnconfirmed(in2)).isFalse();
    }

    @Test
    void aHostBanFindsOnlyThatHostsInboundConnectionsThatSpeakForNobody() {
        connections.opened(in1, new Endpoint("10.0.0.1", 40000));
        connections.opened(in2, new Endpoint("10.0.0.1", 40001));
        connections.bind(in2, "5001", false);
        connections.opened(out3, new Endpoint("10.0.0.1", 5000));
        connections.opened(new ConnectionId(4, true), new Endpoint("10.0.0.2", 40002));

        assertThat(connections.anonymousInboundFrom("10.0.0.1")).containsExactly(in1);
    }

    @Test
    void aClosedConnectionLeavesNothingBehind() {
        connections.openedIfUnknown(in1, new Endpoint("10.0.0.1", 40000));
        connections.openedIfUnknown(in1, new Endpoint("10.0.0.7", 1));
        assertThat(connections.remote(in1)).isEqualTo(new Endpoint("10.0.0.1", 40000));
        assertThat(connections.offence(in1)).isEqualTo(1);
        assertThat(connections.offence(in1)).isEqualTo(2);
        connections.bind(in1, "5001", false);

        assertThat(connections.closed(in1)).isEqualTo("5001");
        assertThat(connections.remote(in1)).isNull();
        assertThat(connections.peerOf(in1)).isNull();
        assertThat(connections.anonymousInboundFrom("10.0.0.1")).isEmpty();
        // a connection id is never reused, but if it were, it would start clean
        assertThat(connections.offence(in1)).isEqualTo(1);
    }

    @Test
    void aConnectionsOwnRateLimitIsKeptWhileItIsOpenAndGoesWithIt() {
        P2pConfig config = P2pConfig.defaults(SimNet.identity("5000"), java.util.List.of()).withInboundLimit(1, 2);
        connections.opened(in1, new Endpoint("10.0.0.1", 40000));
        InboundLimit limit = connections.inboundLimit(in1, config, 0);
        assertThat(connections.inboundLimit(in1, config, 0)).isSameAs(limit);
        assertThat(limit.admit(0)).isTrue();
        assertThat(limit.admit(0)).isTrue();
        assertThat(limit.admit(0)).isFalse();
        assertThat(limit.offenceDue(0)).isTrue();
        assertThat(limit.offenceDue(999)).isFalse();
        assertThat(limit.offenceDue(1_000)).isTrue();

        connections.closed(in1);
        assertThat(connections.size()).isZero();
    }
}
