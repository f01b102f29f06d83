package io.flint.p2p;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.p2p.message.Message;
import io.flint.p2p.message.TipInfo;
import io.flint.p2p.snapshot.SyncProgress;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Headers-first chain sync. Header batches (GET_BLOCK_HEADERS, at most 100 each) come from one
 * peer at a time, the one showing the most work; a full node then fetches the blocks it lacks
 * with GETBLOCK, spread over every peer known to have them, a bounded number in flight per peer
 * and no further than {@code downloadWindow} beyond its tip (so few orphans wait). Requests that
 * time out go to another peer. Event-loop thread only.
 */
final class ChainSync {

    /** What sync needs of the engine. */
    interface Network {
        void request(String peerId, Message message);

        /** Full, alive, not banned peers that can serve blocks and headers, in a stable order. */
        List<Peer> sources();

        /** The highest tip an alive peer shows now (-1 if none). */
        long bestPeerHeight();

        void offence(String peerId, String reason);
    }

    private record InFlight(String peerId, long height, long deadline) {}

    /** How far a peer's branch runs along the best header chain, as last worked out. */
    private record Shared(Hash tip, Hash bestHeader, long height) {}

    /** A peer's branch as known from its announced tip, or from the last header it sent us. */
    private record Branch(String peerId, boolean fromSentHeader) {}

    /** Whether a peer can serve a block: surely, perhaps (its branch is not known here), or not. */
    private enum Holds { YES, MAYBE, NO }

    /**
     * A peer's branch as far as we can tell: up to which height it is the best header chain, and
     * whether its branch is known here at all (else only its claimed height says anything).
     */
    private record Reach(long sharedHeight, boolean branchKnown, long claimedHeight) {
        Holds holds(long height) {
            if (sharedHeight >= height) {
                return Holds.YES;
            }
            if (branchKnown) {
                // its branch leaves ours below that height, or ends there
                return Holds.NO;
            }
            return claimedHeight < 0 || claimedHeight >= height ? Holds.MAYBE : Holds.NO;
        }
    }

    private static final int HEADER_OVERLAP = 6;
    private static final long RATE_WINDOW_MS = 5_000;

    private final P2pConfig config;
    private final ChainAccess chain;
    private final Network network;
    private final boolean light;

    private String headerPeer;
    private long headerStart;
    private long headerDeadline;
    private int headerBackoff;
    private final Map<Hash, Long> wanted = new LinkedHashMap<>();
    private final Map<Hash, InFlight> inFlight = new LinkedHashMap<>();
    /**
     * The peers a block request timed out at. The next requests for that block go to other peers:
     * one that claims a height it cannot serve (it is itself still downloading) would otherwise be
     * asked again and again, and two such laggards asking each other never progress. Once every
     * peer that may hold it has timed out, they are all tried again (a holder may just be slow).
     */
    private final Map<Hash, Set<String>> timedOutAt = new HashMap<>();
    /** Per peer, the best header known to be on its branch: the last of the headers it sent us. */
    private final Map<String, Hash> sentHeaders = new HashMap<>();
    /** Per peer and branch tip, how far that branch runs along the best header chain (see {@link #sharedHeight}). */
    private final Map<Branch, Shared> sharedByPeer = new HashMap<>();
    private final Map<String, Integer> perPeer = new HashMap<>();
    private final Deque<long[]> arrivals = new ArrayDeque<>();
    private long downloaded;
    private int rotation;

    ChainSync(P2pConfig config, ChainAccess chain, Network network) {
        this.config = config;
        this.chain = chain;
        this.network = network;
        this.light = config.identity().light();
    }

    private TipInfo ourTip() {
        return light ? chain.headerTip() : chain.blockTip();
    }

    /** A peer showed its tip (PING/PONG/LATEST_BLOCK, or HELLO with a height and no hash). */
    void onPeerTip(Peer peer, long height, Hash hash, BigInteger work, long now) {
        if (peer.flags.light()) {
            return;
        }
        TipInfo ours = chain.headerTip();
        boolean more = work != null ? work.compareTo(ours.work()) > 0 : height > ours.height();
        boolean unknown = hash == null || !chain.hasHeader(hash);
        if (more && unknown) {
            startHeaders(peer.id, now);
        } else if (!light && hash != null && chain.hasHeader(hash) && !chain.hasBlock(hash) && height > chain.blockTip().height()) {
            queueMissing();
        }
    }

    /** Starts (or redirects) header sync toward {@code peerId}, unless one is running and fresh. */
    void startHeaders(String peerId, long now) {
        if (headerPeer != null && now < headerDeadline) {
            return;
        }
        headerBackoff = 0;
        // genesis is never asked for: every chain has it, and it has no parent to link to
        long from = Math.max(1, chain.headerTip().height() - HEADER_OVERLAP);
        requestHeaders(peerId, from, now);
    }

    private void requestHeaders(String peerId, long from, long now) {
        headerPeer = peerId;
        headerStart = from;
        headerDeadline = now + config.requestTimeout().toMillis();
        network.request(peerId, new Message.GetBlockHeaders(from, from + config.headersPerRequest() - 1));
    }

    /** A BLOCK_HEADERS arrived (as a sync reply, or a light node's answer to GETBLOCK). */
    void onHeaders(String peerId, Message.BlockHeaders m, long now) {
        boolean ours = peerId.equals(headerPeer);
        List<BlockHeader> headers = m.headers();
        if (headers.isEmpty()) {
            if (ours) {
                headerPeer = null;
            }
            return;
        }
        ChainAccess.HeaderSubmission outcome = chain.submitHeaders(headers);
        if (outcome instanceof ChainAccess.HeaderSubmission.Invalid invalid) {
            network.offence(peerId, "invalid headers: " + invalid.reason());
            if (ours) {
                headerPeer = null;
            }
            return;
        }
        if (outcome instanceof ChainAccess.HeaderSubmission.Unconnected) {
            if (ours && m.startHeight() > 1 && headerBackoff < 20) {
                // the peer's chain forks below what we asked: step back further each time
                headerBackoff++;
                long back = (long) config.headersPerRequest() << Math.min(headerBackoff - 1, 16);
                requestHeaders(peerId, Math.max(1, m.startHeight() - back), now);
            } else if (ours) {
                headerPeer = null;
            }
            return;
        }
        if (outcome instanceof ChainAccess.HeaderSubmission.Accepted) {
            // whoever sent these headers has the blocks they name (it serves its best chain)
            sentHeaders.put(peerId, headers.get(headers.size() - 1).hash());
        }
        if (!light) {
            queueMissing();
        } else if (outcome instanceof ChainAccess.HeaderSubmission.Accepted accepted) {
            // the headers new to it: batches start a few below its tip, and peers send the same
            // headers, so counting every header received would count some twice
            downloaded += accepted.added();
            arrivals.addLast(new long[] {now, accepted.added()});
        }
        if (ours) {
            long next = m.startHeight() + headers.size();
            if (next <= m.tipHeight()) {
                requestHeaders(peerId, next, now);
            } else {
                headerPeer = null;
            }
        }
        pump(now);
    }

    /** The blocks the best header chain still lacks, as far as the download window reaches. */
    private void queueMissing() {
        for (BlockHeader header : chain.missingBlocks(config.downloadWindow())) {
            Hash hash = header.hash();
            if (!inFlight.containsKey(hash)) {
                wanted.putIfAbsent(hash, header.height());
            }
        }
    }

    /** A block arrived (whoever sent it): it is no longer wanted. */
    void onBlockArrived(Hash hash, long now) {
        wanted.remove(hash);
        timedOutAt.remove(hash);
        InFlight f = inFlight.remove(hash);
        if (f != null) {
            perPeer.merge(f.peerId(), -1, Integer::sum);
            downloaded++;
            arrivals.addLast(new long[] {now, 1});
        }
    }

    boolean isRequested(Hash hash) {
        return inFlight.containsKey(hash);
    }

    /** Whether header sync is waiting on {@code peerId} now. */
    boolean isHeaderPeer(String peerId) {
        return peerId.equals(headerPeer);
    }

    /** Timeouts, then hands wanted blocks to peers with room. */
    void tick(long now) {
        if (headerPeer != null && now >= headerDeadline) {
            String previous = headerPeer;
            headerPeer = null;
            Peer next = bestSourceExcept(previous);
            if (next != null) {
                startHeaders(next.id, now);
            }
        }
        List<Hash> expired = new ArrayList<>();
        inFlight.forEach((hash, f) -> {
            if (now >= f.deadline()) {
                expired.add(hash);
            }
        });
        for (Hash hash : expired) {
            InFlight f = inFlight.remove(hash);
            perPeer.merge(f.peerId(), -1, Integer::sum);
            if (!chain.hasBlock(hash)) {
                wanted.putIfAbsent(hash, f.height());
                timedOutAt.computeIfAbsent(hash, h -> new HashSet<>()).add(f.peerId());
            }
        }
        if (!light && wanted.isEmpty() && inFlight.isEmpty()
                && chain.headerTip().work().compareTo(chain.blockTip().work()) > 0) {
            queueMissing();
        }
        pump(now);
        while (!arrivals.isEmpty() && arrivals.peekFirst()[0] < now - RATE_WINDOW_MS) {
            arrivals.pollFirst();
        }
    }

    private Peer bestSourceExcept(String excluded) {
        Peer best = null;
        for (Peer p : network.sources()) {
            if (!p.id.equals(excluded) && p.tip != null
                    && (best == null || p.tip.work().compareTo(best.tip.work()) > 0)) {
                best = p;
            }
        }
        return best != null && best.tip.work().compareTo(chain.headerTip().work()) > 0 ? best : null;
    }

    private void pump(long now) {
        if (light || wanted.isEmpty()) {
            return;
        }
        List<Peer> sources = network.sources();
        if (sources.isEmpty()) {
            return;
        }
        long limit = chain.blockTip().height() + config.downloadWindow();
        Map<String, List<Hash>> batches = new LinkedHashMap<>();
        List<Hash> assigned = new ArrayList<>();
        Map<Hash, Long> heights = new HashMap<>();
        Map<String, Reach> reach = new HashMap<>();
        for (Peer p : sources) {
            reach.put(p.id, reach(p));
        }
        for (Map.Entry<Hash, Long> e : wanted.entrySet()) {
            Hash hash = e.getKey();
            long height = e.getValue();
            if (chain.hasBlock(hash)) {
                assigned.add(hash);
                timedOutAt.remove(hash);
                continue;
            }
            if (height > limit) {
                continue;
            }
            Peer chosen = choose(hash, height, sources, reach, batches);
            if (chosen == null) {
                continue;
            }
            List<Hash> batch = batches.computeIfAbsent(chosen.id, id -> new ArrayList<>());
            batch.add(hash);
            heights.put(hash, height);
            assigned.add(hash);
            if (batch.size() >= config.blocksPerRequest()) {
                rotation++;
            }
        }
        for (Hash hash : assigned) {
            wanted.remove(hash);
        }
        long deadline = now + config.requestTimeout().toMillis();
        batches.forEach((peerId, hashes) -> {
            for (int i = 0; i < hashes.size(); i += config.blocksPerRequest()) {
                List<Hash> part = hashes.subList(i, Math.min(hashes.size(), i + config.blocksPerRequest()));
                for (Hash h : part) {
                    inFlight.put(h, new InFlight(peerId, heights.get(h), deadline));
                }
                perPeer.merge(peerId, part.size(), Integer::sum);
                network.request(peerId, new Message.GetBlock(List.copyOf(part)));
            }
        });
    }

    /**
     * The peer to ask for the block {@code hash} at {@code height}, or null to wait. Only peers
     * whose branch holds it (their tip, or the last header they sent, lies on top of it) are
     * asked, then peers whose branch is not known here and whose height reaches it. While such a
     * peer exists but has no room, the block waits for it: handing it to a peer on another branch
     * or below it would only cost a timeout. Only when nobody can be seen to hold it (claims lag
     * behind tips) is it asked of the highest peer.
     */
    private Peer choose(Hash hash, long height, List<Peer> sources, Map<String, Reach> reach,
            Map<String, List<Hash>> batches) {
        Set<String> timedOut = timedOutAt.getOrDefault(hash, Set.of());
        for (int round = 0; round < 2; round++) {
            Peer maybe = null;
            Peer fallback = null;
            boolean holderBusy = false;
            boolean maybeBusy = false;
            for (int k = 0; k < sources.size(); k++) {
                Peer p = sources.get((rotation + k) % sources.size());
                if (timedOut.contains(p.id)) {
                    continue;
                }
                Holds holds = reach.get(p.id).holds(height);
                int load = perPeer.getOrDefault(p.id, 0) + batches.getOrDefault(p.id, List.of()).size();
                boolean room = load < config.maxBlocksInFlightPerPeer();
                if (holds == Holds.YES) {
                    if (room) {
                        return p;
                    }
                    holderBusy = true;
                } else if (holds == Holds.MAYBE) {
                    if (room && maybe == null) {
                        maybe = p;
                    }
                    maybeBusy |= !room;
                } else if (room && (fallback == null || p.height() > fallback.height())) {
                    fallback = p;
                }
            }
            if (holderBusy) {
                return null;
            }
            if (maybe != null || maybeBusy) {
                return maybe;
            }
            if (fallback != null || timedOut.isEmpty()) {
                return fallback;
            }
            // every peer that could serve it has timed out on it: try them all again
            timedOutAt.remove(hash);
            timedOut = Set.of();
        }
        return null;
    }

    private Reach reach(Peer p) {
        long sharedHeight = -1;
        if (p.tip != null) {
            sharedHeight = sharedHeight(new Branch(p.id, false), p.tip.hash());
        }
        Hash sent = sentHeaders.get(p.id);
        if (sent != null) {
            sharedHeight = Math.max(sharedHeight, sharedHeight(new Branch(p.id, true), sent));
        }
        return new Reach(sharedHeight, sharedHeight >= 0, p.height());
    }

    /** {@link ChainAccess#sharedHeight}, remembered per peer until its tip or our best header moves. */
    private long sharedHeight(Branch key, Hash tip) {
        Hash best = chain.headerTip().hash();
        Shared s = sharedByPeer.get(key);
        if (s == null || !s.tip().equals(tip) || !s.bestHeader().equals(best)) {
            s = new Shared(tip, best, chain.sharedHeight(tip));
            if (s.height() < 0) {
                // not known yet: may arrive on a side branch without moving the best header
                return -1;
            }
            sharedByPeer.put(key, s);
        }
        return s.height();
    }

    /** Drops a peer's outstanding requests (it left or was banned) so others are asked. */
    void forget(String peerId) {
        if (peerId.equals(headerPeer)) {
            headerPeer = null;
        }
        List<Hash> theirs = new ArrayList<>();
        inFlight.forEach((h, f) -> {
            if (f.peerId().equals(peerId)) {
                theirs.add(h);
            }
        });
        for (Hash h : theirs) {
            InFlight f = inFlight.remove(h);
            wanted.putIfAbsent(h, f.height());
        }
        perPeer.remove(peerId);
        sentHeaders.remove(peerId);
        sharedByPeer.remove(new Branch(peerId, false));
        sharedByPeer.remove(new Branch(peerId, true));
        timedOutAt.values().forEach(peers -> peers.remove(peerId));
    }

    boolean idle() {
        return headerPeer == null && wanted.isEmpty() && inFlight.isEmpty();
    }

    SyncProgress progress(long now) {
        SyncProgress.Phase phase = headerPeer != null ? SyncProgress.Phase.HEADERS
                : (!wanted.isEmpty() || !inFlight.isEmpty()) ? SyncProgress.Phase.BLOCKS : SyncProgress.Phase.IDLE;
        long recent = 0;
        for (long[] a : arrivals) {
            if (a[0] >= now - RATE_WINDOW_MS) {
                recent += a[1];
            }
        }
        long height = ourTip().height();
        // peers alive now, not the highest claim ever heard: a banned liar cannot hold readiness
        // back; but the header chain counts (its proof of work is checked), so a node whose only
        // source went away still says how far it has to go
        long known = Math.max(Math.max(network.bestPeerHeight(), height), chain.headerTip().height());
        return new SyncProgress(phase, height, known, downloaded, recent * 1000.0 / RATE_WINDOW_MS, inFlight.size());
    }
}
