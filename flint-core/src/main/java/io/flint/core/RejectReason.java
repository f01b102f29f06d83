package io.flint.core;

/**
 * Why a transaction or block is rejected. Each reason has Bitcoin Core's reject code where one
 * exists (so logs and tools read the same) and a sentence a person understands. Later rules
 * (contextual transaction checks, block and chain rules, pool policy) add their reasons here.
 */
public enum RejectReason {
    // CheckTransaction: context-free transaction structure
    TX_NO_INPUTS("bad-txns-vin-empty", "the transaction has no inputs"),
    TX_NO_OUTPUTS("bad-txns-vout-empty", "the transaction has no outputs"),
    TX_OVERSIZE("bad-txns-oversize", "the transaction is larger than the maximum transaction size"),
    TX_OUTPUT_NEGATIVE("bad-txns-vout-negative", "an output has a negative value"),
    TX_OUTPUT_TOO_LARGE("bad-txns-vout-toolarge", "an output is worth more than all the money that can exist"),
    TX_OUTPUT_TOTAL_TOO_LARGE("bad-txns-txouttotal-toolarge",
            "the outputs together are worth more than all the money that can exist"),
    TX_DUPLICATE_INPUTS("bad-txns-inputs-duplicate", "the transaction spends the same output twice"),
    TX_COINBASE_SCRIPT_SIZE("bad-cb-length", "the coinbase scriptSig is not between 2 and 100 bytes"),
    TX_NULL_PREVOUT("bad-txns-prevout-null", "a non-coinbase input spends the null outpoint"),

    // contextual transaction rules (Bitcoin's Consensus::CheckTxInputs and script checks)
    TX_MISSING_INPUTS("bad-txns-inputs-missingorspent", "an input spends an output that does not exist or is already spent"),
    TX_PREMATURE_COINBASE_SPEND("bad-txns-premature-spend-of-coinbase",
            "an input spends a coinbase output before it has matured"),
    TX_INPUT_VALUES_OUT_OF_RANGE("bad-txns-inputvalues-outofrange", "the inputs are worth more than all the money that can exist"),
    TX_INPUTS_BELOW_OUTPUTS("bad-txns-in-belowout", "the outputs are worth more than the inputs"),
    TX_SCRIPT_FAILED("mandatory-script-verify-flag-failed", "an input's script does not verify"),
    TX_NON_FINAL("bad-txns-nonfinal", "the transaction's lock time has not been reached"),
    TX_DOUBLE_SPEND_IN_BLOCK("bad-txns-inputs-spent-in-block",
            "an input spends an output that an earlier transaction of the same block already spent"),

    // header rules (Bitcoin's CheckBlockHeader and ContextualCheckBlockHeader)
    HIGH_HASH("high-hash", "the block hash does not meet the target its bits encode (or the bits exceed the proof-of-work limit)"),
    BAD_DIFFBITS("bad-diffbits", "the block's bits are not the target required at its height"),
    BAD_HEIGHT("bad-height", "the block's height is not its parent's height plus one"),
    TIME_TOO_OLD("time-too-old", "the block's timestamp is not after the median time of the previous 11 blocks"),
    TIME_TOO_NEW("time-too-new", "the block's timestamp is too far ahead of this node's clock"),
    BAD_PREVBLK("bad-prevblk", "the block builds on a block that is known to be invalid"),
    KNOWN_INVALID("duplicate-invalid", "the block was already found invalid"),
    PREV_BLOCK_NOT_FOUND("prev-blk-not-found", "the block's parent is not known"),
    HEADERS_NOT_CONTINUOUS("bad-headers-noncontinuous", "the headers do not form a chain, each the parent of the next"),

    // block rules (Bitcoin's CheckBlock, ContextualCheckBlock and ConnectBlock)
    BAD_BLOCK_LENGTH("bad-blk-length", "the block has no transactions or is larger than the maximum block size"),
    COINBASE_MISSING("bad-cb-missing", "the first transaction is not a coinbase"),
    COINBASE_MULTIPLE("bad-cb-multiple", "a transaction other than the first is a coinbase"),
    COINBASE_HEIGHT("bad-cb-height", "the coinbase scriptSig does not start with the block height"),
    BAD_MERKLE_ROOT("bad-txnmrklroot", "the header's Merkle root does not match the transactions"),
    DUPLICATE_TXIDS("bad-txns-duplicate", "the block lists a transaction twice (a mutated Merkle tree)"),
    COINBASE_AMOUNT("bad-cb-amount", "the coinbase pays more than the block subsidy plus the fees"),

    // ---- pool policy (io.flint.mempool): what this node relays and mines, not what blocks may contain ----
    POOL_COINBASE("coinbase", "a coinbase transaction is only valid as the first transaction of a block"),
    POOL_VERSION("version", "the transaction version is not 1 or 2"),
    POOL_TX_SIZE("tx-size", "the transaction is larger than the pool accepts"),
    POOL_SCRIPTSIG_SIZE("scriptsig-size", "an input's scriptSig is larger than 1650 bytes"),
    POOL_SCRIPTSIG_NOT_PUSH_ONLY("scriptsig-not-pushonly", "an input's scriptSig does more than push data"),
    POOL_SCRIPTPUBKEY("scriptpubkey",
            "an output's script is not P2PKH, P2PK or an OP_RETURN carrying at most 80 bytes of data"),
    POOL_MULTI_OP_RETURN("multi-op-return", "the transaction has more than one OP_RETURN output"),
    POOL_DUST("dust", "a spendable output is worth less than the dust limit"),
    POOL_NON_FINAL("non-final", "the transaction cannot be in the next block: its lock time has not been reached"),
    POOL_ALREADY_CONFIRMED("txn-already-known", "the transaction is already in the chain"),
    POOL_ALREADY_IN_POOL("txn-already-in-mempool", "the transaction is already in the pool"),
    POOL_CONFLICT("txn-mempool-conflict",
            "an input is already spent by another transaction in the pool (the first one seen wins)"),
    POOL_INPUTS_SPENT("bad-txns-inputs-spent",
            "an input spends an output that a transaction of the best chain already spent"),
    POOL_MIN_RELAY_FEE("min relay fee not met", "the fee is below the pool's minimum relay fee rate"),
    POOL_TOO_LONG_CHAIN("too-long-mempool-chain",
            "the transaction would have too many unconfirmed ancestors or descendants in the pool"),
    POOL_FULL("mempool full", "the pool is full and the fee rate is too low to displace what is in it");
    // ---- end of pool policy ----

    private final String code;
    private final String description;

    RejectReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** Short stable code, e.g. "bad-txns-vout-negative". */
    public String code() {
        return code;
    }

    /** What is wrong, as a sentence for a person. */
    public String description() {
        return description;
    }
}
