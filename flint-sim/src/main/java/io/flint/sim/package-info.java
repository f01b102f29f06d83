/**
 * The deterministic simulator behind {@code flint sim}: N real nodes (a {@code ChainState} on an
 * in-memory store, a real {@code Mempool}, the real {@code P2pEngine}) on the in-memory network in
 * virtual time, with simulated mining (a Poisson process split by hash share), optional signed
 * payments, and scenarios (latency, jitter, loss, a partition, churn, NAT). One thread, one seeded
 * random source, no wall clock: the same configuration gives the same report, byte for byte.
 */
package io.flint.sim;
