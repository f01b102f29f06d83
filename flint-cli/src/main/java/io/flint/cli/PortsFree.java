package io.flint.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Checks, before {@code flint node} creates its data directory, wallet or token, that the ports it
 * will listen on are free: a node that finds its port taken (its own cluster's node already runs
 * there) otherwise leaves a fresh {@code data/<id>} whose api.token a client then sends to the
 * node that does listen there. The node's own bind still decides; this only answers first.
 */
final class PortsFree {
    private PortsFree() {}

    /**
     * @param what names the port for the user ("P2P", "HTTP API")
     * @param port 0 is any free port: nothing to check
     * @throws UserError naming the busy address when something listens there
     */
    static void check(String nodeId, String what, String host, int port) {
        if (port == 0) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return; // the node's own bind names what is wrong with the host
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // a port in TIME_WAIT is free for the node too
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new UserError("node " + nodeId + " cannot start: its " + what + " port " + host + ":" + port
                        + " is in use by another program (a node of a running cluster? 'flint cluster ls' lists them); nothing was created");
            }
            // any other refusal (an address not of this machine): the node's bind reports it as before
        } catch (IOException e) {
            // as above: not a busy port
        }
    }
}
