/**
 * The pool of unconfirmed transactions: standardness policy, conflicts (first seen wins), chains of unconfirmed transactions, byte limit with lowest-fee-rate eviction, expiry, and re-admission after a reorganisation.
 */
package io.flint.mempool;
