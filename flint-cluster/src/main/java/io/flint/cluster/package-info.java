/**
 * The node manager behind {@code flint cluster} and {@code flint demo}: starts nodes as local
 * processes ({@link io.flint.cluster.LocalProcessBackend}) or Docker containers
 * ({@link io.flint.cluster.DockerBackend}), keeps what it started in a cluster directory
 * ({@link io.flint.cluster.ClusterDirectory}, {@link io.flint.cluster.ClusterRegistry}) so every
 * command works from another shell, and watches nodes only from outside: their P2P port, their
 * HTTP API ({@link io.flint.cluster.NodeApi}) and their exit. It never reaches into a node's
 * internals; the only node types it uses are the config.json ones.
 */
package io.flint.cluster;
