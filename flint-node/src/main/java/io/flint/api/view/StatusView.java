package io.flint.api.view;

/**
 * {@code GET /status}: the node at a glance. {@code peers} counts the peers known, {@code peers_alive}
 * those answering; {@code mempool} is the number of pooled transactions; {@code p2p} the advertised
 * endpoint; {@code best_header} is the hash at {@code best_header_height}, with its
 * {@code best_header_time} and {@code best_header_difficulty_bits} (a light node's tip: it keeps
 * headers only, so its block {@code tip}, {@code tip_time} and {@code difficulty_bits} stay at genesis).
 * {@code store_damage} is null, or the first read the chain store failed (a damaged file);
 * {@code mining_paused} null, or why continuous mining waits for the clock. {@code reorgs} counts
 * the reorganisations since start, {@code last_reorg} is null or the latest one.
 */
public record StatusView(String id, long height, String tip, double difficultyBits, int peers, int mempool,
        String role, String network, long uptimeS, int peersAlive, double nextDifficultyBits, long bestHeaderHeight,
        long tipTime, String chainWork, long mempoolBytes, int orphans, boolean mining, double hashRate,
        String payoutAddress, String p2p, boolean synced, SyncView sync, String bestHeader, long bestHeaderTime,
        double bestHeaderDifficultyBits, String storeDamage, String miningPaused, long reorgs, LastReorg lastReorg) {

    /** The latest reorganisation: fork height, blocks taken off and put on, when (ms since the epoch). */
    public record LastReorg(long forkHeight, int disconnected, int connected, long at) {
    }
}
