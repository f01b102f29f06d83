package io.flint.api.view;

/**
 * One pooled transaction of {@code GET /transactions}: {@code fee} in coins, {@code fee_rate} in units per
 * byte, {@code time} when it entered the pool.
 */
public record PoolTxView(String txid, String fee, int size, String hex, long feeUnits, double feeRate, String time) {
}
