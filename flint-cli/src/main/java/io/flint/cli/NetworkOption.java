package io.flint.cli;

import io.flint.core.NetworkParams;

/** A {@code --network NAME} as the user typed it: the network's parameters, or a usage error naming the choices. */
final class NetworkOption {
    private NetworkOption() {}

    static NetworkParams parse(String name) {
        try {
            return NetworkParams.byName(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }
}
