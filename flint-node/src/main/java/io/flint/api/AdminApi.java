package io.flint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.api.view.ActionView;
import io.flint.api.view.MinedView;
import io.flint.chain.HeaderInfo;
import io.flint.core.Block;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.mining.ClockBehindChainException;
import io.flint.node.FlintNode;
import io.flint.p2p.message.Envelope;
import io.flint.p2p.transport.Endpoint;
import io.flint.p2p.snapshot.BanSnapshot;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints (token required): {@code POST /mine} (optional body {"address"}, optional
 * query {@code timeout} in seconds), {@code POST /peers} {"address":"HOST:PORT"},
 * {@code DELETE /blacklist/{id}}, {@code POST /sync}, {@code POST /shutdown}.
 */
final class AdminApi implements ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

    /** {@code POST /mine}: where the block reward goes (default: the node's payout address). */
    record MineRequest(String address) {}

    /** {@code POST /peers}. */
    record PeerRequest(String address) {}

    /** {@code POST /blacklist}: whom, for how long (default an hour, as an offence ban), why. */
    record BanRequest(String id, Long seconds, String reason) {}

    /** A week: longer than any lab; a peer to keep away for good belongs out of the configuration. */
    static final long MAX_BAN_SECONDS = 7 * 24 * 3600;

    private final FlintNode node;
    private final ObjectMapper mapper;
    private final AdminAuth auth;
    private final ApiOptions options;
    private final Runnable shutdown;

    /** @param shutdown stops the whole process (API, node, then exit); run on its own thread after the answer is sent */
    AdminApi(FlintNode node, ObjectMapper mapper, AdminAuth auth, ApiOptions options, Runnable shutdown) {
        this.node = node;
        this.mapper = mapper;
        this.auth = auth;
        this.options = options;
        this.shutdown = shutdown;
    }

    @Override
    public void register(Javalin app) {
        app.post("/mine", auth.require(this::mine));
        app.post("/peers", auth.require(this::addPeer));
        app.post("/blacklist", auth.require(this::ban));
        app.delete("/blacklist/{id}", auth.require(this::unban));
        app.post("/sync", auth.require(ctx -> {
            node.syncNow();
            ctx.status(202).json(new ActionView("syncing", "asked the peers for anything newer than height "
                    + node.chain().height()));
        }));
        app.post("/shutdown", auth.require(this::shutdown));
    }

    private void mine(Context ctx) {
        Optional<MineRequest> request = Requests.optionalBody(ctx, mapper, MineRequest.class);
        Address to = request.map(MineRequest::address).filter(a -> !a.isBlank())
                .map(a -> Requests.address(a, node.settings().network().addressVersion()))
                .orElseGet(node::payoutAddress);
        long timeout = Requests.queryLong(ctx, "timeout", options.mineTimeout().toSeconds(), 1, 3600);
        CompletableFuture<Block> found = node.miner().mineOne(StandardScripts.p2pkh(to.hash160()));
        Block block = await(found, Duration.ofSeconds(timeout));
        // the solved block is queued to the event loop: once a task there has run, it has been submitted
        Optional<HeaderInfo> info = node.loop().call(() -> node.chain().headerInfo(block.hash()), Duration.ofSeconds(30));
        ctx.json(new MinedView(block.hash().toString(), block.height(), block.transactions().size(), to.toString(),
                info.map(HeaderInfo::onBestChain).orElse(false)));
    }

    private Block await(CompletableFuture<Block> found, Duration timeout) {
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            found.cancel(false);
            throw new ApiException(504, "timeout", "no block found within " + timeout.toSeconds() + " s at difficulty "
                    + String.format("%.2f", node.chain().tip().nextDifficultyBits()) + " bits; try a longer ?timeout=");
        } catch (CancellationException e) {
            throw new ApiException(503, "unavailable", "mining was stopped (is the node shutting down?)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClockBehindChainException behind) {
                throw new ApiException(503, "clock_behind_chain", behind.getMessage());
            }
            throw new ApiException(500, "mining_failed", "mining failed: " + e.getCause());
        } catch (InterruptedException e) {
            found.cancel(false);
            Thread.currentThread().interrupt();
            throw new ApiException(503, "unavailable", "interrupted while mining");
        }
    }

    private void addPeer(Context ctx) {
        PeerRequest request = Requests.body(ctx, mapper, PeerRequest.class);
        String text = Requests.required(request.address(), "address");
        Endpoint endpoint = PeerAddress.parse(text);
        if (PeerAddress.isSelf(endpoint, node.advertisedEndpoint(), node.settings().p2pBind())) {
            throw ApiException.badRequest("bad_address", "'" + endpoint + "' is this node's own P2P endpoint; "
                    + "a node does not connect to itself");
        }
        String listed = endpoint.toString();
        node.network().published().blacklist().stream()
                .filter(b -> b.endpoint().equals(listed) && b.expires().isAfter(node.clock().instant()))
                .findFirst()
                .ifPresent(b -> {
                    throw new ApiException(409, "banned", "'" + endpoint + "' is banned until " + b.expires() + " ("
                            + b.reason() + "); nothing is sent to it (see GET /blacklist)");
                });
        node.addPeer(endpoint);
        ctx.status(202).json(new ActionView("connecting", "saying HELLO to " + endpoint
                + "; it joins the peer list when it answers"));
    }

    /**
     * The operator keeps a peer away (a lab splits a running network into groups, then heals it
     * with DELETE): what an offence ban does, with no offence needed.
     */
    private void ban(Context ctx) {
        BanRequest request = Requests.body(ctx, mapper, BanRequest.class);
        String id = Requests.required(request.id(), "id");
        if (!Envelope.isNodeId(id)) {
            throw ApiException.badRequest("bad_id", "'" + Requests.abbreviate(id) + "' is not a node id (1.."
                    + Envelope.MAX_ID_LENGTH + " characters, no control characters)");
        }
        if (id.equals(node.settings().id())) {
            throw ApiException.badRequest("bad_id", "'" + id + "' is this node's own id; a node does not ban itself");
        }
        long seconds = request.seconds() == null ? 3600 : request.seconds();
        if (seconds < 1 || seconds > MAX_BAN_SECONDS) {
            throw ApiException.badRequest("bad_seconds", "seconds must be 1.." + MAX_BAN_SECONDS + ", got " + seconds);
        }
        String reason = request.reason() == null || request.reason().isBlank() ? "banned by the operator"
                : "banned by the operator: " + Requests.abbreviate(request.reason().strip()).replaceAll("\\p{Cntrl}", "?");
        BanSnapshot ban = node.ban(id, Duration.ofSeconds(seconds), reason);
        ctx.json(new ActionView("banned", id + " is banned until " + ban.expires() + " (" + ban.reason()
                + (ban.reason().equals(reason) ? "" : "; banned already, that ban stays") + "): its messages are "
                + "dropped and nothing is sent to it; DELETE /blacklist/" + id + " lifts it"));
    }

    /** Bans live in memory only: without this an honest node at a banned endpoint waits out the hour or a restart. */
    private void unban(Context ctx) {
        String key = ctx.pathParam("id");
        if (!node.unban(key)) {
            throw ApiException.notFound("'" + key + "' is not banned here (see GET /blacklist: a peer by its id, "
                    + "a host banned without one by its address)");
        }
        ctx.json(new ActionView("unbanned", "the ban of " + key + " is lifted; its messages are taken again"));
    }

    /**
     * Answers first (written and flushed here, so the client has it before the server stops),
     * then stops everything on a thread of its own: stopping the HTTP server from one of its
     * request threads would wait on itself.
     */
    private void shutdown(Context ctx) throws IOException {
        byte[] body = ApiJson.write(mapper, new ActionView("stopping",
                "leaving the network (GOODBYE, pool handed over), then stopping")).getBytes(StandardCharsets.UTF_8);
        ctx.res().setStatus(202);
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
        ctx.res().flushBuffer();
        log.info("shutdown requested over HTTP by {}", ctx.ip());
        Thread stopper = new Thread(shutdown, "flint-http-shutdown");
        stopper.start();
    }
}
