package io.flint.api;

import io.flint.api.view.BanView;
import io.flint.api.view.CapacitySampleView;
import io.flint.api.view.CapacityView;
import io.flint.api.view.PeerView;
import io.flint.api.view.QueueView;
import io.flint.api.view.RedundancyView;
import io.flint.p2p.P2pEngine;
import io.flint.p2p.snapshot.CapacitySnapshot;
import io.flint.p2p.snapshot.NetworkSnapshot;
import io.flint.p2p.snapshot.QueueSnapshot;
import io.flint.p2p.snapshot.TrafficCounters;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /peers}, {@code /latency}, {@code /capacity}, {@code /redundancy}, {@code /queue},
 * {@code /blacklist}: the protocol engine's published snapshot, readable from any thread
 * (at most one snapshot interval old). Maps come out sorted by key.
 */
final class NetworkApi implements ApiRoutes {
    private final P2pEngine network;

    NetworkApi(P2pEngine network) {
        this.network = network;
    }

    @Override
    public void register(Javalin app) {
        app.get("/peers", ctx -> ctx.json(peers(network.published())));
        app.get("/latency", ctx -> ctx.json(network.published().latency()));
        app.get("/capacity", ctx -> ctx.json(capacity(network.published().capacity())));
        app.get("/redundancy", ctx -> ctx.json(redundancy(network.published().counters())));
        app.get("/queue", ctx -> ctx.json(queue(network.published().queue())));
        app.get("/blacklist", ctx -> ctx.json(blacklist(network.published())));
    }

    static List<PeerView> peers(NetworkSnapshot s) {
        return s.peers().stream()
                .map(p -> new PeerView(p.id(), p.ip(), p.port(), p.status(), p.nat(), p.light(), p.rttMs(),
                        p.relay() == null ? "" : p.relay(), p.mode() == null ? "" : p.mode(),
                        p.address() == null ? "" : p.address(), p.httpPort(), p.height(), iso(p.lastSeen())))
                .toList();
    }

    private static CapacityView capacity(CapacitySnapshot c) {
        return new CapacityView(c.simulated(), c.current(), c.history().stream()
                .map(s -> new CapacitySampleView(iso(s.at()), s.messagesPerSecond()))
                .toList());
    }

    private static RedundancyView redundancy(TrafficCounters c) {
        return new RedundancyView(c.redundantTotal(), c.redundant(), c.received());
    }

    private static QueueView queue(QueueSnapshot q) {
        return new QueueView(q.total(), q.perDestination(), q.dropped(), q.retries(), q.waiting());
    }

    private static List<BanView> blacklist(NetworkSnapshot s) {
        return s.blacklist().stream()
                .map(b -> new BanView(b.peerId(), b.endpoint() == null ? "" : b.endpoint(), b.reason(), iso(b.expires())))
                .toList();
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
