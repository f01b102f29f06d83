package io.flint.p2p;

import io.flint.core.BlockHeader;
import io.flint.core.Hash;
import io.flint.core.ProofOfWork;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

        /** Every alive peer, light ones too (they serve no blocks, but their heights say where the chain is). */
        List<Peer> alive();

        void offence(String peerId, String reason);

        /** Counts something sync dropped unused, by cause (the engine's {@code dropped} counters). */
        void dropped(String cause);
    }

    /** A block request: to whom, the block's height, when it times out, and the download target it was for. */
    private record InFlight(String peerId, long height, long deadline, Hash target) {}

    /** A wanted block's requests that timed out since it was last delivered, and the peers they went to. */
    private record Misses(int count, Set<String> peers) {
        Misses and(String peerId) {
            Set<String> more = new LinkedHashSet<>(peers);
            more.add(peerId);
            return new Misses(count + 1, more);
        }
    }

    /** How far a peer's branch runs along the download target's branch, as last worked out. */
    private record Shared(Hash tip, Hash target, long height) {}

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

    private static final Logger LOG = LoggerFactory.getLogger(ChainSync.class);
    private static final int HEADER_OVERLAP = 6;
    /** Unanswered requests for one block after which download is said to be stalled on it. */
    static final int STALL_REQUESTS = 3;
    /** How often a stall that lasts is logged again. */
    private static final long STALL_WARN_EVERY_MS = 10 * 60_000;
    /** How long a discredited peer is not asked for headers again (it may just have been slow). */
    private static final long DISCREDITED_RETRY_MS = 60_000;
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
    /**
     * Per wanted block, the requests for it that went unanswered. Unlike {@link #timedOutAt} they
     * are not forgotten when every peer is tried again: a block that no peer ever delivers (its
     * only holder's store lost it) stops download for good, and the node must say so.
     */
    private final Map<Hash, Misses> misses = new HashMap<>();
    /** The stall last logged (null: none) and when, so a lasting one is logged now and then, not every tick. */
    private SyncProgress.Stall warnedStall;
    private long stallWarnedAt;
    /** Per peer, the best header known to be on its branch: the last of the headers it sent us. */
    private final Map<String, Hash> sentHeaders = new HashMap<>();
    /** Per peer and branch tip, how far that branch runs along the target's (see {@link #sharedHeight}). */
    private final Map<Branch, Shared> sharedByPeer = new HashMap<>();
    private final Map<String, Integer> perPeer = new HashMap<>();
    private final Deque<long[]> arrivals = new ArrayDeque<>();
    /**
     * Where block download is heading: the branch tip with the most work that a live source has
     * shown us (its tip, or the last header it sent); null when no source shows more work than
     * our blocks. Not simply the best header: anyone may send headers with more work and no
     * blocks behind them, and a node that downloaded only toward those waited for ever (and was
     * never ready) while its peers' chain went on.
     */
    private Hash target;
    /**
     * Peers whose claimed height (HELLO, LATEST_BLOCK, a tip we do not have) a header sync with
     * them did not bear out, with when they may be asked for headers again. Their unproven claims
     * do not count toward readiness until a header sync with them reaches what they claim: a
     * peer claiming height 2^32 held every node "syncing" while it lived, and one raising its
     * claim at every HELLO would have made readiness flap.
     */
    private final Map<String, Long> discredited = new HashMap<>();
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
        // a tip with its work: more than our blocks, not our best header (a branch with less
        // work than a header chain nobody serves is still the one to follow, see target); a
        // height alone (HELLO) says nothing of its branch: more than our best header
        boolean more = work != null ? work.compareTo(chain.blockTip().work()) > 0 : height > chain.headerTip().height();
        boolean unknown = hash == null || !chain.hasHeader(hash);
        Long retry = discredited.get(peer.id);
        if (more && unknown && (retry == null || now >= retry)) {
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
        long from = Math.max(1, headerBase(peerId) - HEADER_OVERLAP);
        requestHeaders(peerId, from, now);
    }

    /**
     * Where a header request to {@code peerId} starts: our best header when the peer shows more
     * work than that; else (its branch has less work than our best header, which nobody may
     * serve) the higher of our block tip and the last header it sent us. Starting at the best
     * header there, its answer would be empty.
     */
    private long headerBase(String peerId) {
        TipInfo best = chain.headerTip();
        Peer p = source(peerId);
        boolean beyondBest = p == null || (p.tip != null && p.tip.work() != null
                ? p.tip.work().compareTo(best.work()) > 0 : p.height() > best.height());
        if (beyondBest) {
            return best.height();
        }
        long base = chain.blockTip().height();
        Hash sent = sentHeaders.get(peerId);
        if (sent != null) {
            base = Math.max(base, chain.knownHeader(sent).map(TipInfo::height).orElse(-1L));
        }
        return base;
    }

    private Peer source(String peerId) {
        for (Peer p : network.sources()) {
            if (p.id.equals(peerId)) {
                return p;
            }
        }
        return null;
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
                noteClaim(peerId, m.tipHeight(), now);
            }
            return;
        }
        if (!ours && !light && !reachesMoreWork(headers)) {
            // headers nobody asked for that would not make a branch with more work than our
            // blocks: not stored. Anyone may send headers, and on a test network proof of work
            // is cheap: a stranger's thousands of low-work forks filled the header tree (220,000
            // headers). A branch that does overtake ours comes from the peer we sync headers with.
            network.dropped("low_work_headers");
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
        if (outcome instanceof ChainAccess.HeaderSubmission.Accepted && source(peerId) != null) {
            // whoever sent these headers has the blocks they name (it serves its best chain);
            // kept for sources only: a sender that is not a peer cannot be asked for blocks, and
            // one entry per claimed id would grow without bound
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
                noteClaim(peerId, m.tipHeight(), now);
            }
        }
        pump(now);
    }

    /**
     * Whether {@code headers}, linked to a header we know, end with more cumulative work than our
     * block tip. Unlinked ones are let through: the chain answers those with Unconnected and
     * stores nothing.
     */
    private boolean reachesMoreWork(List<BlockHeader> headers) {
        TipInfo parent = chain.knownHeader(headers.get(0).prevHash()).orElse(null);
        if (parent == null) {
            return true;
        }
        BigInteger work = parent.work();
        for (BlockHeader h : headers) {
            work = work.add(ProofOfWork.work(h.bits()));
        }
        return work.compareTo(chain.blockTip().work()) > 0;
    }

    /**
     * A header sync with {@code peerId} ended (its answer saying its tip is at {@code tipHeight},
     * or -1 when it did not answer): a claim above what it delivered discredits it (see
     * {@link #discredited}), one borne out restores it.
     */
    private void noteClaim(String peerId, long tipHeight, long now) {
        Peer p = source(peerId);
        if (p == null) {
            return;
        }
        if (p.height() > Math.max(tipHeight, chain.headerTip().height())) {
            discredited.put(peerId, now + DISCREDITED_RETRY_MS);
        } else {
            discredited.remove(peerId);
        }
    }

    /** The branch tip to download toward (see {@link #target}), or null. */
    private Hash chooseTarget() {
        Hash best = null;
        BigInteger bestWork = chain.blockTip().work();
        for (Peer p : network.sources()) {
            for (Hash h : new Hash[] {p.tip == null ? null : p.tip.hash(), sentHeaders.get(p.id)}) {
                if (h == null) {
                    continue;
                }
                TipInfo info = chain.knownHeader(h).orElse(null);
                if (info != null && info.work().compareTo(bestWork) > 0) {
                    best = h;
                    bestWork = info.work();
                }
            }
        }
        return best;
    }

    /** The blocks the target's branch still lacks, as far as the download window reaches. */
    private void queueMissing() {
        Hash next = chooseTarget();
        if (!Objects.equals(next, target)) {
            // the wanted blocks lie on the old target's branch; those still missing on the new
            // one are queued again just below
            wanted.clear();
            target = next;
        }
        if (target == null) {
            return;
        }
        for (BlockHeader header : chain.missingBlocks(target, config.downloadWindow())) {
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
        misses.remove(hash);
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
            noteClaim(previous, -1, now);
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
                if (f.target().equals(target)) {
                    wanted.putIfAbsent(hash, f.height());
                }
                timedOutAt.computeIfAbsent(hash, h -> new HashSet<>()).add(f.peerId());
                misses.merge(hash, new Misses(1, Set.of(f.peerId())), (was, one) -> was.and(f.peerId()));
            }
        }
        if (!light && wanted.isEmpty() && inFlight.isEmpty()) {
            queueMissing();
        }
        pump(now);
        // a block download no longer wants (it arrived another way, or the target moved) is no stall
        misses.keySet().removeIf(h -> !wanted.containsKey(h) && !inFlight.containsKey(h));
        reportStall(now);
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
                    inFlight.put(h, new InFlight(peerId, heights.get(h), deadline, target));
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

    /** {@link ChainAccess#sharedHeight} with the target, remembered per peer until its tip or the target moves. */
    private long sharedHeight(Branch key, Hash tip) {
        if (target == null) {
            return -1;
        }
        Hash branch = target;
        Shared s = sharedByPeer.get(key);
        if (s == null || !s.tip().equals(tip) || !s.target().equals(branch)) {
            s = new Shared(tip, branch, chain.sharedHeight(tip, branch));
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
            if (f.target().equals(target)) {
                wanted.putIfAbsent(h, f.height());
            }
        }
        perPeer.remove(peerId);
        sentHeaders.remove(peerId);
        sharedByPeer.remove(new Branch(peerId, false));
        sharedByPeer.remove(new Branch(peerId, true));
        discredited.remove(peerId);
        timedOutAt.values().forEach(peers -> peers.remove(peerId));
    }

    /** The lowest wanted block asked for {@link #STALL_REQUESTS} times or more and never delivered. */
    private Optional<SyncProgress.Stall> stall() {
        SyncProgress.Stall lowest = null;
        for (Map.Entry<Hash, Misses> e : misses.entrySet()) {
            Misses m = e.getValue();
            InFlight f = inFlight.get(e.getKey());
            Long height = f != null ? Long.valueOf(f.height()) : wanted.get(e.getKey());
            if (m.count() >= STALL_REQUESTS && height != null && (lowest == null || height < lowest.height())) {
                lowest = new SyncProgress.Stall(height, e.getKey().toString(), m.count(), List.copyOf(m.peers()));
            }
        }
        return Optional.ofNullable(lowest);
    }

    /**
     * Logs a stall when it starts, again every {@link #STALL_WARN_EVERY_MS} while it lasts, and
     * once when download gets past it: a node whose only source cannot serve a block otherwise sat
     * at one height for hours with nothing in its log.
     */
    private void reportStall(long now) {
        Optional<SyncProgress.Stall> stall = stall();
        if (stall.isEmpty()) {
            if (warnedStall != null) {
                LOG.info("[{}] download went on past block {} ({} unanswered requests before)", config.identity().id(),
                        warnedStall.height(), warnedStall.requests());
                warnedStall = null;
            }
            return;
        }
        SyncProgress.Stall s = stall.get();
        if (warnedStall == null || !warnedStall.hash().equals(s.hash()) || now - stallWarnedAt >= STALL_WARN_EVERY_MS) {
            LOG.warn("[{}] {}; download cannot go past it until a peer serves it (it is asked again, of other peers "
                    + "too; requests lost on a lossy link come back this way, while a peer whose chain store lost "
                    + "the block drops them every time: 'flint chain verify' on that node names what it lost)",
                    config.identity().id(), s.sentence());
            stallWarnedAt = now;
        }
        warnedStall = s;
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
        return new SyncProgress(phase, height, bestKnownHeight(height), downloaded, recent * 1000.0 / RATE_WINDOW_MS,
                inFlight.size(), stall());
    }

    /**
     * The height readiness compares ours with. Peers alive now count, not the highest claim ever
     * heard (a banned liar cannot hold readiness back), and only as far as a header sync bore
     * their claims out. The download target counts: its proof of work is checked and a live
     * source serves it. With no source at all, the best header counts, so a node whose only
     * source went away still says how far it has to go; with sources, a header chain none of
     * them serves (anyone may send headers) does not.
     */
    private long bestKnownHeight(long height) {
        List<Peer> sources = network.sources();
        long known = height;
        for (Peer p : sources) {
            long claim = p.height();
            if (p.tip != null && p.tip.hash() != null && chain.knownHeader(p.tip.hash()).isPresent()) {
                // a tip we hold the header of: its proof of work is checked
                claim = p.tip.height();
            } else if (discredited.containsKey(p.id)) {
                continue;
            }
            known = Math.max(known, claim);
        }
        if (sources.isEmpty()) {
            // nobody to download from: light peers' heights are then all that says the network went
            // on (a malicious node that every full peer banned said "synced" 900 blocks behind its
            // light peer). With a source they do not count: a liar among them could hold readiness
            // back for good, and no header sync would ever discredit it
            for (Peer p : network.alive()) {
                known = Math.max(known, p.height());
            }
            return Math.max(known, chain.headerTip().height());
        }
        Hash to = light ? null : chooseTarget();
        // (when null, no source shows more work than our blocks: a best header beyond them is
        // one nobody here serves)
        if (to != null) {
            known = Math.max(known, chain.knownHeader(to).map(TipInfo::height).orElse(-1L));
        }
        return known;
    }
}
