package io.flint.p2p;

/** How a node behaves: honestly, or (for experiments) sending forged blocks and transactions. */
public enum Mode {
    NORMAL, MALICIOUS;

    public String wireName() {
        return name().toLowerCase();
    }
}
