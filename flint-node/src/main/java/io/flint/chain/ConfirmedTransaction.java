package io.flint.chain;

import io.flint.core.Hash;
import io.flint.core.Transaction;

/**
 * A transaction of the best chain with where it is.
 *
 * @param blockHash the block that holds it
 * @param height that block's height
 * @param index its position in the block (0 = the coinbase)
 */
public record ConfirmedTransaction(Transaction tx, Hash blockHash, long height, int index) {}
