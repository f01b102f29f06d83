/**
 * Transports: TCP (length-prefixed JSON frames over Netty, persistent connections, reconnect) and an in-memory network for tests and the simulator.
 */
package io.flint.net;
