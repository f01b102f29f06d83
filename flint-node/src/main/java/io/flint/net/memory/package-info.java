/**
 * The in-memory network: {@link io.flint.net.memory.MemoryNetwork} and its
 * {@link io.flint.net.memory.MemoryTransport}s, delivering through a
 * {@link io.flint.net.memory.Scheduler} ({@link io.flint.net.memory.VirtualScheduler} for
 * virtual time, {@link io.flint.net.memory.QueueScheduler} for plain ordered tests), with link
 * conditions ({@link io.flint.net.memory.LinkConditions}), partitions, crashed nodes and NAT.
 */
package io.flint.net.memory;
