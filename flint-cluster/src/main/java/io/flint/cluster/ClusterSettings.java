package io.flint.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a cluster was started with, so later commands from any shell add nodes that fit.
 *
 * @param network the chain parameters every node runs ("demo" or "regtest")
 * @param bootstrapConfig the config.json of the bootstrap peers that new nodes greet first
 * @param txInterval the {@code --tx-interval} given at {@code up}, so a bootstrap peer added back pays as before
 * @param linkFlags the link options at {@code up} ({@code --link-sim}, {@code --link-delay} ...): every
 *     node, those added later too, simulates that link (so {@code /capacity} has something to show);
 *     empty for none
 */
public record ClusterSettings(String network, Path bootstrapConfig, Optional<Double> txInterval, List<String> linkFlags) {
    public ClusterSettings {
        txInterval = txInterval == null ? Optional.empty() : txInterval;
        linkFlags = linkFlags == null ? List.of() : List.copyOf(linkFlags);
    }

    /** Settings without link simulation. */
    public ClusterSettings(String network, Path bootstrapConfig, Optional<Double> txInterval) {
        this(network, bootstrapConfig, txInterval, List.of());
    }

    /** Settings without a transaction interval or link simulation. */
    public ClusterSettings(String network, Path bootstrapConfig) {
        this(network, bootstrapConfig, Optional.empty(), List.of());
    }
}
