/**
 * Chain state: the header tree with cumulative work, best-chain selection and reorganisation with undo data, the UTXO set, block connect/disconnect and orphan blocks; storage behind interfaces (RocksDB and in-memory). Knows nothing of peers.
 */
package io.flint.chain;
