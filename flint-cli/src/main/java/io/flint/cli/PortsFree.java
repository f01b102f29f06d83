package io.flint.cli;

import io.flint.cluster.Ports;

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
     * @throws UserError naming the busy address when something listens there; any other refusal
     *     (an unknown host, an address not of this machine) is left to the node's bind, which
     *     reports it as before
     */
    static void check(String nodeId, String what, String host, int port) {
        if (port == 0) {
            return;
        }
        if (Ports.whyNotFree(host, port).filter(why -> why.endsWith("already in use")).isPresent()) {
            throw new UserError("node " + nodeId + " cannot start: its " + what + " port " + host + ":" + port
                    + " is in use by another program (a node of a running cluster? 'flint cluster ls' lists them); "
                    + "nothing was created");
        }
    }
}
