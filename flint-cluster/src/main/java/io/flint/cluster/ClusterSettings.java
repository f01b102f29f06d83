package io.flint.cluster;

import java.nio.file.Path;

/**
 * What a cluster was started with, so later commands from any shell add nodes that fit.
 *
 * @param network the chain parameters every node runs ("demo" or "regtest")
 * @param bootstrapConfig the config.json of the bootstrap peers that new nodes greet first
 */
public record ClusterSettings(String network, Path bootstrapConfig) {}
