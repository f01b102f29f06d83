/**
 * Transports: the two implementations of the protocol engine's
 * {@link io.flint.p2p.transport.Transport} port, and the framing rules they share
 * ({@link io.flint.net.Frames}, {@link io.flint.net.Utf8}).
 *
 * <ul>
 *   <li>{@link io.flint.net.tcp.TcpTransport}: the real network (length-prefixed UTF-8 frames
 *       over persistent TCP connections on Netty, reuse, backoff, bounded buffers).
 *   <li>{@link io.flint.net.memory.MemoryNetwork}: a deterministic simulated network in virtual
 *       time for tests and the simulator (latency, jitter, loss, partitions, crashes, NAT).
 * </ul>
 *
 * <p>Wiring a node (TCP): create one {@link io.flint.net.tcp.NettyResources} per process, a
 * {@code TcpTransport(config, clock, resources)} per node, and {@code start} it with a
 * listener that posts every callback to the node's event loop and returns. After a peer's
 * HELLO on an inbound connection, the engine calls {@code bind(connection, peerListen)} so
 * replies reuse the connection; a NATed node first asks its
 * {@link io.flint.p2p.transport.InboundFilter} and closes the connection if refused;
 * {@code onBadFrame} is one offence against the remote host.
 *
 * <p>Wiring the simulator: one {@link io.flint.net.memory.VirtualScheduler} for the whole run
 * (its {@code clock()} is every engine's clock, its {@code schedule} their timers), one
 * {@code MemoryNetwork(scheduler, seededRandom)}, {@code newTransport()} per node. Callbacks
 * run from scheduler tasks, never inside a transport call, so on one thread the listener may
 * call the engine directly.
 */
package io.flint.net;
