package io.flint.api;

import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.transport.HostSyntax;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The {@code HOST:PORT} of {@code POST /peers}, checked before the node is asked to connect: the
 * host must be able to name a machine (a DNS name, an IPv4 address or a bracketed IPv6 address),
 * and the endpoint must not be this node's own. Nothing is looked up: a name is judged by its
 * form only.
 */
final class PeerAddress {
    private PeerAddress() {}

    /** The endpoint {@code text} names; 400 {@code bad_address} naming what is wrong with it. */
    static Endpoint parse(String text) {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_address", e.getMessage());
        }
        if (!HostSyntax.isHost(endpoint.host())) {
            throw ApiException.badRequest("bad_address", "'" + Requests.abbreviate(endpoint.host())
                    + "' is not a host name or IP address (a name is letters, digits, '-', '_' and '.'; an IPv6 "
                    + "address goes in brackets)");
        }
        return endpoint;
    }

    /**
     * True when {@code candidate} is this node's P2P endpoint: at the advertised port, the
     * advertised or the bound host (an IP address however it is written), "localhost" when the
     * node binds a loopback address, or any loopback address when it binds every address.
     */
    static boolean isSelf(Endpoint candidate, Endpoint advertised, String bindHost) {
        if (candidate.port() != advertised.port()) {
            return false;
        }
        String host = candidate.host();
        Optional<InetAddress> ip = literal(host);
        Optional<InetAddress> bound = literal(bindHost);
        boolean localhost = host.equalsIgnoreCase("localhost");
        if (bound.filter(InetAddress::isAnyLocalAddress).isPresent()
                && (localhost || ip.filter(InetAddress::isLoopbackAddress).isPresent())) {
            return true;
        }
        if (localhost && bound.filter(InetAddress::isLoopbackAddress).isPresent()) {
            return true;
        }
        for (String own : new String[] {advertised.host(), bindHost}) {
            if (own.equalsIgnoreCase(host) || ip.isPresent() && literal(own).equals(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The address {@code host} writes literally (IPv4 dotted, IPv6 in brackets or bare), without any lookup. */
    private static Optional<InetAddress> literal(String host) {
        if (!HostSyntax.isIpLiteral(host)) {
            return Optional.empty();
        }
        try {
            // a literal is parsed, never resolved
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
