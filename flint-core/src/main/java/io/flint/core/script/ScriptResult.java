package io.flint.core.script;

/**
 * The outcome of verifying a script: {@link ScriptError#OK} or the error and what exactly went
 * wrong (which opcode, at which offset).
 */
public record ScriptResult(ScriptError error, String detail) {
    public static final ScriptResult SUCCESS = new ScriptResult(ScriptError.OK, "");

    public ScriptResult {
        if (error == null || detail == null) {
            throw new IllegalArgumentException("a script result needs an error (OK for success) and a detail");
        }
    }

    public boolean isOk() {
        return error == ScriptError.OK;
    }

    /** "SIG_DER: the signature is not strict DER (BIP66) (OP_CHECKSIG at offset 72)". */
    public String message() {
        if (isOk()) {
            return "OK";
        }
        return error.name() + ": " + error.description() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    @Override
    public String toString() {
        return message();
    }
}
