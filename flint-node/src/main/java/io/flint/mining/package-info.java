/**
 * Block templates ordered by fee rate and the miner: multi-threaded nonce search through the SHA-256 midstate loop, extra-nonce and time roll, abandoning stale work when the tip changes.
 */
package io.flint.mining;
