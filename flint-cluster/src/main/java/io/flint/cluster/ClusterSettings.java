package io.flint.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a cluster was started with, so later commands from any shell add nodes that fit.
 *
 * @param network the chain parameters every node runs ("demo" or "regtest")
 * @param bootstrapConfig the config.json of the bootstrap peers that new nodes greet first
 * @param txInterval the {@code --tx-interval} given at {@code up}, so a bootstrap peer added back pays as before
 */
public record ClusterSettings(String network, Path bootstrapConfig, Optional<Double> txInterval) {
    public ClusterSettings {
        txInterval = txInterval == null ? Optional.empty() : txInterval;
    }

    /** Settings without a transaction interval. */
    public ClusterSettings(String network, Path bootstrapConfig) {
        this(network, bootstrapConfig, Optional.empty());
    }
}
