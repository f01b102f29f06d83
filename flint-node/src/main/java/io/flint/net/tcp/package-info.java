/**
 * The TCP transport on Netty: {@link io.flint.net.tcp.TcpTransport}, its settings
 * ({@link io.flint.net.tcp.TcpConfig}, with the {@link io.flint.net.tcp.ConnectionLimits} that
 * bound what remote sides may hold), what those limits did ({@link io.flint.net.tcp.TcpStats})
 * and the I/O threads it may share with other transports ({@link io.flint.net.tcp.NettyResources}).
 */
package io.flint.net.tcp;
