package io.flint.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a cluster was started with, so later commands from any shell add nodes that fit.
 *
 * @param network the chain parameters every node runs ("demo" or "regtest")
 * @param bootstrapConfig the config.json of the bootstrap peers that new nodes greet first
 * @param txInterval the {@code --tx-interval} given at {@code up}, so a bootstrap peer added back pays as before
 * @param linkSim {@code --link-sim} at {@code up}: every node, those added later too, simulates a
 *     varying link (so {@code /capacity} has something to show)
 */
public record ClusterSettings(String network, Path bootstrapConfig, Optional<Double> txInterval, boolean linkSim) {
    public ClusterSettings {
        txInterval = txInterval == null ? Optional.empty() : txInterval;
    }

    /** Settings without link simulation. */
    public ClusterSettings(String network, Path bootstrapConfig, Optional<Double> txInterval) {
        this(network, bootstrapConfig, txInterval, false);
    }

    /** Settings without a transaction interval or link simulation. */
    public ClusterSettings(String network, Path bootstrapConfig) {
        this(network, bootstrapConfig, Optional.empty(), false);
    }
}
