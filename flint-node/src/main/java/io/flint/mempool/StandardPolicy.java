package io.flint.mempool;

import io.flint.core.RejectReason;
import io.flint.core.Rejection;
import io.flint.core.Transaction;
import io.flint.core.TxOut;
import io.flint.core.script.Opcode;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptOp;
import io.flint.core.script.StandardScripts;
import java.util.List;
import java.util.Optional;

/**
 * Bitcoin Core's {@code IsStandardTx}, cut to what Flint relays: version 1 or 2, a size limit,
 * push-only scriptSigs of at most 1650 bytes, outputs that pay P2PKH or P2PK or carry a little
 * OP_RETURN data (one per transaction), and no dust. Policy, not consensus: a block may contain
 * anything the consensus rules allow, but the pool keeps what other nodes will relay and mine.
 */
final class StandardPolicy {
    /** Bitcoin's MAX_STANDARD_SCRIPTSIG_SIZE: room for a 15-of-15 multisig spend, far above P2PKH's 107. */
    static final int MAX_SCRIPTSIG_SIZE = 1650;
    private static final int MIN_VERSION = 1;
    private static final int MAX_VERSION = 2;

    private final MempoolConfig config;

    StandardPolicy(MempoolConfig config) {
        this.config = config;
    }

    /** Empty when the transaction is standard; otherwise the first rule it breaks. */
    Optional<Rejection> check(Transaction tx) {
        if (tx.version() < MIN_VERSION || tx.version() > MAX_VERSION) {
            return reject(RejectReason.POOL_VERSION, "version " + tx.version());
        }
        if (tx.size() > config.maxTxSize()) {
            return reject(RejectReason.POOL_TX_SIZE, tx.size() + " bytes, limit " + config.maxTxSize());
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
            Script scriptSig = tx.input(i).scriptSig();
            if (scriptSig.size() > MAX_SCRIPTSIG_SIZE) {
                return reject(RejectReason.POOL_SCRIPTSIG_SIZE, "input " + i + " has " + scriptSig.size() + " bytes");
            }
            if (!scriptSig.isPushOnly()) {
                return reject(RejectReason.POOL_SCRIPTSIG_NOT_PUSH_ONLY, "input " + i + ": " + scriptSig.toAsm());
            }
        }
        int opReturns = 0;
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOut out = tx.output(i);
            Script script = out.scriptPubKey();
            if (StandardScripts.isP2pkh(script) || StandardScripts.isP2pk(script)) {
                if (out.value() < config.dustLimit()) {
                    return reject(RejectReason.POOL_DUST, "output " + i + " has " + out.value() + " units, limit "
                            + config.dustLimit());
                }
            } else if (isOpReturn(script)) {
                Optional<Integer> data = opReturnDataLength(script);
                if (data.isEmpty() || data.get() > config.maxOpReturnData()) {
                    return reject(RejectReason.POOL_SCRIPTPUBKEY, "output " + i + " is an OP_RETURN with "
                            + data.map(n -> n + " bytes of data, limit " + config.maxOpReturnData())
                                    .orElse("more than data pushes after it"));
                }
                if (++opReturns > 1) {
                    return reject(RejectReason.POOL_MULTI_OP_RETURN, "output " + i + " is the second");
                }
            } else {
                return reject(RejectReason.POOL_SCRIPTPUBKEY, "output " + i + ": " + script.toAsm());
            }
        }
        return Optional.empty();
    }

    private static boolean isOpReturn(Script script) {
        List<ScriptOp> ops = script.ops();
        return !ops.isEmpty() && ops.get(0).opcode() == Opcode.OP_RETURN;
    }

    /**
     * The data an OP_RETURN script carries: the pushes after the opcode (Bitcoin Core's
     * TxoutType::NULL_DATA is OP_RETURN followed by pushes only), or empty when anything else follows.
     */
    private static Optional<Integer> opReturnDataLength(Script script) {
        if (!script.isWellFormed()) {
            return Optional.empty();
        }
        List<ScriptOp> ops = script.ops();
        int data = 0;
        for (int i = 1; i < ops.size(); i++) {
            if (!Opcode.isPush(ops.get(i).opcode())) {
                return Optional.empty();
            }
            data += ops.get(i).dataLength();
        }
        return Optional.of(data);
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
