package io.flint.core.script;

/**
 * Why a script failed, with Bitcoin Core's {@code ScriptError} names (so test vectors and logs
 * from Bitcoin read the same) and a sentence for a person. {@link #UNSUPPORTED_OPCODE} is
 * Flint's own: a valid Bitcoin opcode that Flint's interpreter does not execute.
 */
public enum ScriptError {
    OK("no error"),
    EVAL_FALSE("the script finished with an empty or false value on top of the stack"),
    OP_RETURN("OP_RETURN was executed: the output is unspendable"),
    SCRIPT_SIZE("the script is larger than 10000 bytes"),
    PUSH_SIZE("a pushed element is larger than 520 bytes"),
    OP_COUNT("the script executes more than 201 non-push operations"),
    STACK_SIZE("the stack holds more than 1000 elements"),
    VERIFY("OP_VERIFY found a false value"),
    EQUALVERIFY("OP_EQUALVERIFY found two different values (wrong public key for this output?)"),
    CHECKSIGVERIFY("OP_CHECKSIGVERIFY found an invalid signature"),
    BAD_OPCODE("an invalid opcode or a push that runs past the end of the script"),
    DISABLED_OPCODE("a disabled opcode (OP_CAT, OP_MUL, ...)"),
    UNSUPPORTED_OPCODE("an opcode Flint's interpreter does not execute"),
    INVALID_STACK_OPERATION("an operation needs more stack elements than there are"),
    SIG_HASHTYPE("the signature's hash type is not one of ALL, NONE, SINGLE (optionally with ANYONECANPAY)"),
    SIG_DER("the signature is not strict DER (BIP66)"),
    SIG_PUSHONLY("the scriptSig contains operations other than pushes"),
    SIG_HIGH_S("the signature's S value is in the upper half of the curve order (not low-S)"),
    PUBKEYTYPE("the public key is neither a 33-byte compressed nor a 65-byte uncompressed encoding"),
    CLEANSTACK("the stack holds more than the one result element after evaluation"),
    NULLFAIL("a signature check failed with a non-empty signature"),
    OP_CODESEPARATOR("OP_CODESEPARATOR is not allowed (CONST_SCRIPTCODE)"),
    SIG_FINDANDDELETE("the script code contains the signature itself (CONST_SCRIPTCODE)");

    private final String description;

    ScriptError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
