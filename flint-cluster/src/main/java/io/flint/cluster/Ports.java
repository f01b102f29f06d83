package io.flint.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Whether a port can be listened on, or is being listened on: checked before anything starts. */
public final class Ports {
    private Ports() {}

    /**
     * Why {@code host:port} cannot be listened on (in use, or not an address of this machine),
     * or empty when it can.
     */
    public static Optional<String> whyNotFree(String host, int port) {
        return whyCannotBind(host, port, port);
    }

    /**
     * Why nothing could listen on {@code host} at all (an unknown host, an address of another
     * machine), or empty when it is this machine's: the question before looking for a free port.
     * The reason names {@code host:port}, the port the caller meant to use.
     */
    public static Optional<String> whyNotLocal(String host, int port) {
        // bound on any free port, so only the address itself can make it fail
        return whyCannotBind(host, 0, port);
    }

    private static Optional<String> whyCannotBind(String host, int bindPort, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Optional.of(host + " is not a known host");
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, bindPort));
            return Optional.empty();
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("in use")) {
                return Optional.of(host + ":" + port + " is already in use");
            }
            if (reason.contains("assign")) {
                return Optional.of(host + " is not an address of this machine (cannot listen on " + host + ":" + port
                        + ")");
            }
            return Optional.of("cannot listen on " + host + ":" + port + ": " + reason);
        }
    }

    /** True when something accepts TCP connections on {@code host:port}. */
    public static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A random address of 127.0.0.0/8 (127.1-254.1-254.1-254): every one of them is this machine's
     * loopback, so a test network on one can use fixed ports without clashing with another run.
     */
    public static String randomLoopbackHost(RandomGenerator random) {
        return "127." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254));
    }

    /** Loopback hosts (127.x.y.z, ::1, localhost): the ones where a node's HTTP API may bind beside its P2P port. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
