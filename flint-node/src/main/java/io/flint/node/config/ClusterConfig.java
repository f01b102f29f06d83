package io.flint.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A config.json: the peers of a network (the bootstrap set) and whether dynamic discovery is on.
 * The seeds' shape, {@code {"peers": {"5000": {"ip", "port", "fanout", "mode", "nat", "light"}},
 * "dynamic_discovery": true}}, plus Flint's optional per-peer fields {@code localnetworkid},
 * {@code mine} and {@code api_port}. Unknown fields are ignored, wrong ones are named.
 */
public record ClusterConfig(Map<String, PeerSpec> peers, boolean dynamicDiscovery) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ClusterConfig {
        peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    }

    public Optional<PeerSpec> peer(String id) {
        return Optional.ofNullable(peers.get(id));
    }

    /**
     * How far above its P2P port a node added to this set puts its HTTP port: the distance every
     * peer here keeps when they all keep the same one (a config whose HTTP ports are 10000 above
     * stays within its ranges), else {@link PeerSpec#HTTP_PORT_OFFSET} as the seeds have it.
     */
    public int httpPortOffset() {
        Set<Integer> offsets = new HashSet<>();
        peers.values().forEach(p -> offsets.add(p.apiPort() - p.port()));
        int only = offsets.size() == 1 ? offsets.iterator().next() : 0;
        return only > 0 ? only : PeerSpec.HTTP_PORT_OFFSET;
    }

    /**
     * Reads and validates a config file.
     *
     * @throws ConfigException naming the file and the problem
     */
    public static ClusterConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + IoReason.of(e));
        }
        try {
            return parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    public static ClusterConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("the top level must be a JSON object with \"peers\"");
        }
        JsonNode peersNode = root.get("peers");
        if (peersNode == null || !peersNode.isObject()) {
            throw new ConfigException("\"peers\" must be an object of id -> {ip, port, ...}");
        }
        Map<String, PeerSpec> peers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = peersNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            peers.put(e.getKey(), peer(e.getKey(), e.getValue()));
        }
        boolean dynamic = bool(root, "dynamic_discovery", false, "");
        Map<String, String> endpoints = new java.util.HashMap<>();
        for (PeerSpec p : peers.values()) {
            String ep = p.ip() + ":" + p.port();
            String other = endpoints.putIfAbsent(ep, p.id());
            if (other != null) {
                throw new ConfigException("peers " + other + " and " + p.id() + " both listen on " + ep);
            }
        }
        return new ClusterConfig(peers, dynamic);
    }

    private static PeerSpec peer(String id, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigException("peer " + id + " must be an object");
        }
        String where = "peer " + id + ": ";
        int port = integer(node, "port", -1, where);
        if (port == -1) {
            throw new ConfigException(where + "\"port\" is missing");
        }
        String ip = text(node, "ip", null, where);
        if (ip == null) {
            throw new ConfigException(where + "\"ip\" is missing");
        }
        try {
            return new PeerSpec(id, ip, port,
                    integer(node, "fanout", PeerSpec.DEFAULT_FANOUT, where),
                    text(node, "mode", "normal", where),
                    bool(node, "nat", false, where),
                    bool(node, "light", false, where),
                    text(node, "localnetworkid", "", where),
                    bool(node, "mine", false, where),
                    integer(node, "api_port", port + PeerSpec.HTTP_PORT_OFFSET, where));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static int integer(JsonNode node, String field, int fallback, String where) {
        return field(node, field, fallback, where, v -> v.isIntegralNumber() && v.canConvertToInt(), "a whole number",
                JsonNode::intValue);
    }

    private static String text(JsonNode node, String field, String fallback, String where) {
        return field(node, field, fallback, where, JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    private static boolean bool(JsonNode node, String field, boolean fallback, String where) {
        return field(node, field, fallback, where, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    /** An optional field: {@code fallback} when absent or null, an error naming it when of the wrong kind. */
    private static <T> T field(JsonNode node, String field, T fallback, String where, Predicate<JsonNode> fits,
            String kind, Function<JsonNode, T> value) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!fits.test(v)) {
            throw new ConfigException(where + "\"" + field + "\" must be " + kind + ", not " + v);
        }
        return value.apply(v);
    }

    /** This config as JSON, in the same shape it is read from. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode peersNode = root.putObject("peers");
        for (PeerSpec p : peers.values()) {
            ObjectNode n = peersNode.putObject(p.id());
            n.put("ip", p.ip());
            n.put("port", p.port());
            n.put("fanout", p.fanout());
            if (p.malicious()) {
                n.put("mode", p.mode());
            }
            if (p.nat()) {
                n.put("nat", true);
            }
            if (p.light()) {
                n.put("light", true);
            }
            if (!p.localNetworkId().isEmpty()) {
                n.put("localnetworkid", p.localNetworkId());
            }
            if (p.mine()) {
                n.put("mine", true);
            }
            if (p.apiPort() != p.port() + PeerSpec.HTTP_PORT_OFFSET) {
                n.put("api_port", p.apiPort());
            }
        }
        root.put("dynamic_discovery", dynamicDiscovery);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
