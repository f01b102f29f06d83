package io.flint.cli;

import io.flint.cluster.Ports;
import java.util.Optional;

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
     * @param options the options (and variables) that set the address, named when it is not usable
     * @param port 0 is any free port: then only the address is checked
     * @throws UserError naming the busy address when something listens there, or the address when
     *     nothing can listen on it here (an unknown host, an address of another machine): the
     *     node's own bind said ": null" for an unknown API host, and only after P2P had started
     */
    static void check(String nodeId, String what, String options, String host, int port) {
        Optional<String> why = port == 0 ? Ports.whyNotLocal(host, port) : Ports.whyNotFree(host, port);
        why.ifPresent(reason -> {
            if (reason.endsWith("already in use")) {
                throw new UserError("node " + nodeId + " cannot start: its " + what + " port " + host + ":" + port
                        + " is in use by another program (a node of a running cluster? 'flint cluster ls' lists "
                        + "them); nothing was created");
            }
            throw new UserError("node " + nodeId + " cannot start: its " + what + " address " + reason + " (set by "
                    + options + "); nothing was created");
        });
    }
}
