/**
 * The TCP transport on Netty: {@link io.flint.net.tcp.TcpTransport}, its settings
 * ({@link io.flint.net.tcp.TcpConfig}) and the I/O threads it may share with other transports
 * ({@link io.flint.net.tcp.NettyResources}).
 */
package io.flint.net.tcp;
