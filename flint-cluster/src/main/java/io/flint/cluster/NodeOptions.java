package io.flint.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.node.config.IoReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's {@code nodes/<id>/options.json}: how the manager last started it, beyond what its
 * config.json says, so {@code add --id} brings it back the same way after {@code kill} or
 * {@code remove} (the registry forgets a removed node).
 *
 * @param txInterval its {@code --tx-interval} (a dynamic node's own; a bootstrap peer pays as {@code up} said)
 * @param runtime the backend (and image) it ran on; empty in a file written before this was recorded
 * @param linkFlags a dynamic node's own simulated link ({@code add --link-delay ...}); empty: the cluster's
 */
public record NodeOptions(Optional<Double> txInterval, Optional<NodeRuntime> runtime, List<String> linkFlags) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public NodeOptions {
        linkFlags = linkFlags == null ? List.of() : List.copyOf(linkFlags);
    }

    /** Options with no link of the node's own. */
    public NodeOptions(Optional<Double> txInterval, Optional<NodeRuntime> runtime) {
        this(txInterval, runtime, List.of());
    }

    /** What the file says; nothing when there is no file or it cannot be read (the node was never started). */
    public static NodeOptions read(Path file) {
        if (!Files.exists(file)) {
            return new NodeOptions(Optional.empty(), Optional.empty());
        }
        try {
            JsonNode o = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode tx = o.path("tx_interval");
            String backend = o.path("backend").asText("");
            String image = o.path("image").asText("");
            List<String> link = new ArrayList<>();
            o.path("link_flags").forEach(f -> link.add(f.asText()));
            return new NodeOptions(tx.isNumber() && tx.asDouble() > 0 ? Optional.of(tx.asDouble()) : Optional.empty(),
                    backend.isEmpty() ? Optional.empty()
                            : Optional.of(new NodeRuntime(backend, image.isEmpty() ? Optional.empty() : Optional.of(image))),
                    link);
        } catch (IOException e) {
            return new NodeOptions(Optional.empty(), Optional.empty());
        }
    }

    public void write(Path file) {
        ObjectNode o = JSON.createObjectNode();
        txInterval.ifPresent(t -> o.put("tx_interval", t));
        runtime.ifPresent(r -> {
            o.put("backend", r.backend());
            r.image().ifPresent(i -> o.put("image", i));
        });
        if (!linkFlags.isEmpty()) {
            ArrayNode link = o.putArray("link_flags");
            linkFlags.forEach(link::add);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, o + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + IoReason.of(e));
        }
    }
}
