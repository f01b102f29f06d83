package io.flint.node.config;

/** A configuration problem a user can fix; the message names the file, the peer and the field. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
