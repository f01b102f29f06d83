package io.flint.api;

import io.flint.p2p.transport.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code HOST:PORT} of {@code POST /peers}, checked before the node is asked to connect: the
 * host must be able to name a machine (a DNS name, an IPv4 address or a bracketed IPv6 address),
 * and the endpoint must not be this node's own. Nothing is looked up: a name is judged by its
 * form only.
 */
final class PeerAddress {
    /** A DNS label; '_' is let in because container and compose names carry it. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    private static final int MAX_NAME = 253;

    private PeerAddress() {}

    /** The endpoint {@code text} names; 400 {@code bad_address} naming what is wrong with it. */
    static Endpoint parse(String text) {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_address", e.getMessage());
        }
        if (literal(endpoint.host()).isEmpty() && !isHostName(endpoint.host())) {
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

    private static boolean isHostName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // all-numeric dotted names are IPv4 addresses or nothing (999.1.1.1 is neither)
        return !name.toLowerCase(Locale.ROOT).matches("[\\d.]+");
    }

    /** The address {@code host} writes literally (IPv4 dotted, IPv6 in brackets or bare), without any lookup. */
    private static Optional<InetAddress> literal(String host) {
        boolean v4 = IPV4.matcher(host).matches();
        boolean v6 = IPV6.matcher(host).matches() || host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : host.split("\\.")) {
                // a leading zero reads as octal to some resolvers: ambiguous, so not an address here
                if (Integer.parseInt(part) > 255 || part.length() > 1 && part.startsWith("0")) {
                    return Optional.empty();
                }
            }
        }
        try {
            // a literal is parsed, never resolved
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
