package io.flint.p2p.transport;

import java.util.regex.Pattern;

/**
 * Whether a text can name a machine: an IPv4 address, an IPv6 address (bare or in brackets) or a
 * DNS host name. Judged by form only, never looked up: a peer names hosts in HELLO, NEW_PEER and
 * PEERS_LIST, and a check that resolved them would let any peer make the node query DNS for
 * names of its choosing. The one rule for those fields and for {@code POST /peers}.
 */
public final class HostSyntax {
    /** The longest DNS name (RFC 1035), without a trailing dot. */
    public static final int MAX_NAME = 253;
    /**
     * An RFC 1123 label (letters, digits, inner '-', at most 63), with '_' let in because
     * container and compose names carry it.
     */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern NUMERIC = Pattern.compile("[\\d.]+");

    private HostSyntax() {}

    /** An IP address or a host name. */
    public static boolean isHost(String host) {
        return host != null && (isIpLiteral(host) || isHostName(host));
    }

    /** An IPv4 address (dotted decimal) or an IPv6 address, bare or in brackets. */
    public static boolean isIpLiteral(String host) {
        return host != null && (isIpv4(host) || isIpv6(host));
    }

    private static boolean isIpv4(String host) {
        if (!IPV4.matcher(host).matches()) {
            return false;
        }
        for (String part : host.split("\\.")) {
            // a leading zero reads as octal to some resolvers: ambiguous, so not an address here
            if (Integer.parseInt(part) > 255 || part.length() > 1 && part.startsWith("0")) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text form: eight groups, "::" once for a run of zeros, an IPv4 tail; no zone id. */
    private static boolean isIpv6(String host) {
        String s = host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        if (s.indexOf('.') >= 0) {
            // an IPv4 tail stands for the last two groups
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] parts = gap < 0 ? new String[] {s} : new String[] {s.substring(0, gap), s.substring(gap + 2)};
        int groups = 0;
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            for (String group : part.split(":", -1)) {
                if (!IPV6_GROUP.matcher(group).matches()) {
                    return false;
                }
                groups++;
            }
        }
        return gap < 0 ? groups == 8 : groups <= 7;
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
        return !NUMERIC.matcher(name).matches();
    }
}
