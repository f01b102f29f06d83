package io.flint.cluster;

import io.flint.node.config.IoReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cluster's {@code cluster.json}: which nodes the manager started, with their process or
 * container, ports and directories. Readers ({@code ls}) read it as it is - it is always replaced
 * whole, atomically; writers hold {@link #lock()} (a file lock, so two shells cannot both pick
 * port 5011) for the whole of their command.
 */
public final class ClusterRegistry {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ClusterDirectory dir;
    // FileChannel.lock is per process: a second lock from this JVM would throw, so threads queue here first
    private final ReentrantLock local = new ReentrantLock();

    public ClusterRegistry(ClusterDirectory dir) {
        this.dir = dir;
    }

    public ClusterDirectory directory() {
        return dir;
    }

    /** What the cluster was started with, once {@code up} or a first {@code add} recorded it. */
    public Optional<ClusterSettings> settings() {
        return settings(read());
    }

    private static Optional<ClusterSettings> settings(JsonNode root) {
        if (root == null || !root.has("network") || !root.has("bootstrap_config")) {
            return Optional.empty();
        }
        JsonNode tx = root.path("tx_interval");
        List<String> link = new ArrayList<>();
        root.path("link_flags").forEach(f -> link.add(f.asText()));
        if (link.isEmpty() && root.path("link_sim").asBoolean(false)) {
            link.add("--link-sim"); // a cluster directory of an earlier Flint
        }
        return Optional.of(new ClusterSettings(root.path("network").asText("demo"),
                Path.of(root.path("bootstrap_config").asText()),
                tx.isNumber() ? Optional.of(tx.asDouble()) : Optional.empty(), link));
    }

    /** Records the cluster's settings. Call with the lock held. */
    public void saveSettings(ClusterSettings settings) {
        write(Optional.of(settings), nodes());
    }

    /** Forgets the cluster's settings (a first {@code add} that failed). Call with the lock held. */
    public void forgetSettings() {
        write(Optional.empty(), nodes());
    }

    private JsonNode read() {
        Path file = dir.registry();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClusterException(file + " cannot be read (" + e.getMessage()
                    + "); stop its nodes by hand and delete it");
        }
    }

    /** The nodes in start order; empty when there is no registry yet. */
    public List<NodeEntry> nodes() {
        return nodes(read());
    }

    private List<NodeEntry> nodes(JsonNode root) {
        Path file = dir.registry();
        if (root == null) {
            return List.of();
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            throw new ClusterException(file + " has no \"nodes\" list; stop its nodes by hand and delete it");
        }
        List<NodeEntry> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            out.add(entry(file, n));
        }
        return List.copyOf(out);
    }

    public Optional<NodeEntry> node(String id) {
        return nodes().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Adds or replaces the entry with this id. Call with the lock held. */
    public void put(NodeEntry entry) {
        JsonNode root = read();
        Map<String, NodeEntry> byId = new LinkedHashMap<>();
        for (NodeEntry n : nodes(root)) {
            byId.put(n.id(), n);
        }
        byId.put(entry.id(), entry);
        write(settings(root), List.copyOf(byId.values()));
    }

    /** Forgets a node. Call with the lock held. */
    public void remove(String id) {
        JsonNode root = read();
        write(settings(root), nodes(root).stream().filter(n -> !n.id().equals(id)).toList());
    }

    private void write(Optional<ClusterSettings> settings, List<NodeEntry> nodes) {
        dir.create();
        ObjectNode root = JSON.createObjectNode();
        settings.ifPresent(s -> {
            root.put("network", s.network());
            root.put("bootstrap_config", s.bootstrapConfig().toString());
            s.txInterval().ifPresent(t -> root.put("tx_interval", t));
            if (!s.linkFlags().isEmpty()) {
                ArrayNode flags = root.putArray("link_flags");
                s.linkFlags().forEach(flags::add);
            }
        });
        ArrayNode list = root.putArray("nodes");
        nodes.stream().sorted(Comparator.comparing(NodeEntry::startedAt)).forEach(n -> {
            ObjectNode o = list.addObject();
            o.put("id", n.id());
            o.put("backend", n.backend());
            o.put("pid", n.pid());
            o.put("container", n.container());
            o.put("host", n.host());
            o.put("p2p_port", n.p2pPort());
            o.put("api_host", n.apiHost());
            o.put("api_port", n.apiPort());
            o.put("data_dir", n.dataDir().toString());
            o.put("log_file", n.logFile());
            o.put("role", n.role());
            o.put("dynamic", n.dynamic());
            o.put("started_at", n.startedAt().toString());
            if (!n.ended().isEmpty()) {
                o.put("ended", n.ended());
            }
        });
        Path file = dir.registry();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + IoReason.of(e));
        }
    }

    private static NodeEntry entry(Path file, JsonNode n) {
        String where = file + ": node " + n.path("id").asText("?") + ": ";
        try {
            return new NodeEntry(text(n, "id", where), text(n, "backend", where), n.path("pid").asLong(0),
                    n.path("container").asText(""), text(n, "host", where), n.path("p2p_port").asInt(),
                    text(n, "api_host", where), n.path("api_port").asInt(), Path.of(text(n, "data_dir", where)),
                    n.path("log_file").asText(""), n.path("role").asText(""), n.path("dynamic").asBoolean(false),
                    Instant.parse(text(n, "started_at", where)), n.path("ended").asText(""));
        } catch (DateTimeParseException e) {
            throw new ClusterException(where + "\"started_at\" is not a time: " + e.getParsedString());
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ClusterException(where + "\"" + field + "\" is missing");
        }
        return v.textValue();
    }

    /**
     * Takes the cluster's lock for a command that changes it; waits while another shell holds it.
     * Close the returned handle to release it.
     */
    public Held lock() {
        dir.create();
        local.lock();
        try {
            FileChannel channel = FileChannel.open(dir.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                System.err.println("waiting for another flint cluster command on " + dir.root() + " ...");
                lock = channel.lock();
            }
            return new Held(channel, lock);
        } catch (IOException e) {
            local.unlock();
            throw new ClusterException("cannot lock " + dir.lockFile() + ": " + IoReason.of(e));
        }
    }

    /** The cluster's lock while held. */
    public final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // the lock dies with the channel anyway
            } finally {
                local.unlock();
            }
        }
    }
}
