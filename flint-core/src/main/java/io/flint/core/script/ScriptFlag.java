package io.flint.core.script;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Script verification flags, Bitcoin Core's {@code SCRIPT_VERIFY_*} names without the prefix.
 * All of Bitcoin's names parse (so test vectors can be read), but only those marked supported
 * change Flint's interpreter; it refuses a set that contains an unsupported one rather than
 * silently ignoring it.
 */
public enum ScriptFlag {
    P2SH(false),
    STRICTENC(true),
    DERSIG(true),
    LOW_S(true),
    NULLDUMMY(false),
    SIGPUSHONLY(true),
    MINIMALDATA(false),
    DISCOURAGE_UPGRADABLE_NOPS(false),
    CLEANSTACK(true),
    CHECKLOCKTIMEVERIFY(false),
    CHECKSEQUENCEVERIFY(false),
    WITNESS(false),
    DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM(false),
    MINIMALIF(false),
    NULLFAIL(true),
    WITNESS_PUBKEYTYPE(false),
    CONST_SCRIPTCODE(true),
    TAPROOT(false),
    DISCOURAGE_UPGRADABLE_TAPROOT_VERSION(false),
    DISCOURAGE_OP_SUCCESS(false),
    DISCOURAGE_UPGRADABLE_PUBKEYTYPE(false);

    /**
     * What Flint's consensus enforces on every input: strict DER, low S, strict encodings, failed
     * signatures must be empty, push-only scriptSigs and a clean stack.
     */
    public static final Set<ScriptFlag> STANDARD =
            Collections.unmodifiableSet(EnumSet.of(DERSIG, LOW_S, STRICTENC, NULLFAIL, SIGPUSHONLY, CLEANSTACK));

    /** Every flag the interpreter implements. */
    public static final Set<ScriptFlag> SUPPORTED = Collections.unmodifiableSet(
            EnumSet.of(DERSIG, LOW_S, STRICTENC, NULLFAIL, SIGPUSHONLY, CLEANSTACK, CONST_SCRIPTCODE));

    private final boolean supported;

    ScriptFlag(boolean supported) {
        this.supported = supported;
    }

    public boolean isSupported() {
        return supported;
    }

    /**
     * Parses Bitcoin's comma-separated flag list ("DERSIG,LOW_S"); "NONE" or "" is the empty set.
     *
     * @throws IllegalArgumentException naming an unknown flag
     */
    public static Set<ScriptFlag> parseList(String list) {
        Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        String trimmed = list.trim();
        if (trimmed.isEmpty() || trimmed.equals("NONE")) {
            return flags;
        }
        for (String name : trimmed.split(",")) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            try {
                flags.add(ScriptFlag.valueOf(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown script verification flag '" + name.trim() + "'", e);
            }
        }
        return flags;
    }
}
