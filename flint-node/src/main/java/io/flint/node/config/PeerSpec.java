package io.flint.node.config;

/**
 * One peer as config.json describes it (the seeds' shape plus Flint's additions).
 *
 * @param id the node id, e.g. "5000"
 * @param ip where it listens
 * @param port its P2P port
 * @param fanout how many random peers it gossips each message to
 * @param mode "normal" or "malicious"
 * @param nat true when it is behind NAT: reachable directly only from its local network
 * @param light true for a light (header-only) peer
 * @param localNetworkId its local network (peers sharing one reach each other directly); empty = public
 * @param mine whether it mines when started from this config (Flint addition)
 * @param apiPort its HTTP port (default P2P port + 2000)
 */
public record PeerSpec(String id, String ip, int port, int fanout, String mode, boolean nat, boolean light,
        String localNetworkId, boolean mine, int apiPort) {

    public static final int DEFAULT_FANOUT = 2;
    public static final int HTTP_PORT_OFFSET = 2000;

    /** What {@link #isValidId} allows, for messages. */
    public static final String ID_RULE = "1-64 letters, digits, '.', '_' or '-' (not . or ..)";

    public PeerSpec {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("peer id '" + id + "' must be " + ID_RULE);
        }
        if (ip == null || ip.isBlank()) {
            throw new IllegalArgumentException("peer " + id + ": ip is missing");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("peer " + id + ": port " + port + " is outside 1..65535");
        }
        if (apiPort < 1 || apiPort > 65_535) {
            throw new IllegalArgumentException("peer " + id + ": HTTP port " + apiPort + " is outside 1..65535");
        }
        if (fanout < 1 || fanout > 64) {
            throw new IllegalArgumentException("peer " + id + ": fanout " + fanout + " must be between 1 and 64");
        }
        if (!"normal".equals(mode) && !"malicious".equals(mode)) {
            throw new IllegalArgumentException("peer " + id + ": mode '" + mode + "' must be normal or malicious");
        }
        localNetworkId = localNetworkId == null ? "" : localNetworkId;
    }

    /** An id is also a directory name (data/ID): nothing that could name another directory. */
    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9_.-]{1,64}") && !id.equals(".") && !id.equals("..");
    }

    public boolean malicious() {
        return "malicious".equals(mode);
    }

    /** What the node's role is called in /status, dashboards and {@code flint cluster ls}. */
    public String role() {
        return roleOf(light, mine, malicious(), nat());
    }

    /** The role's name for a node of these traits; a node started from flags names itself the same way. */
    public static String roleOf(boolean light, boolean mine, boolean malicious) {
        String base = light ? "light" : mine ? "miner" : "full";
        return malicious ? base + "+malicious" : base;
    }

    /** The same, with {@code +nat} last for a node behind NAT ({@code full+nat}, {@code miner+malicious+nat}). */
    public static String roleOf(boolean light, boolean mine, boolean malicious, boolean nat) {
        String role = roleOf(light, mine, malicious);
        return nat ? role + "+nat" : role;
    }
}
