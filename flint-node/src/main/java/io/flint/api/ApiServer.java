package io.flint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.api.view.ErrorView;
import io.flint.chain.store.StoreException;
import io.flint.node.FlintNode;
import io.flint.node.NodeUnavailableException;
import io.flint.wallet.WrongPasswordException;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API (API.md): JSON endpoints over a running {@link FlintNode}, bound to
 * {@code settings().apiBind()} and {@code apiPort()} (0 = any free port; {@link #port()} tells
 * which).
 *
 * <p>Handlers are thin: each endpoint group is a small {@link ApiRoutes} class ({@link StatusApi},
 * {@link ChainApi}, {@link AddressApi}, {@link PoolApi}, {@link NetworkApi}, {@link WalletApi},
 * {@link AdminApi}, {@link EventsApi}); reads go to the node's thread-safe read methods and
 * snapshots, changes through the node's methods or its event loop. Errors are mapped here, in one
 * place, to {@code {"error","reason"}} with a 4xx/5xx status; a client never sees a stack trace.
 * A light node refuses what needs blocks it does not keep ({@link LightNodeGuard}).
 * Every server also has the dashboard ({@link DashboardApi}: {@code GET /}) and
 * {@code GET /metrics} ({@link MetricsApi}); more groups can be given to the constructor.
 *
 * <p>HEAD answers what GET would, without the body. GET (and HEAD) answers carry
 * {@code Access-Control-Allow-Origin: *} so that one node's dashboard can read its peers' APIs (the network view). Nothing else is opened to other origins: a POST with
 * the admin token from another page would need a preflight, which is not answered.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** The request line and headers together, at most (Jetty's default, set here so that its refusals can name it). */
    static final int MAX_REQUEST_HEAD_BYTES = 8192;

    private final FlintNode node;
    private final ObjectMapper mapper = ApiJson.newMapper();
    private final EventsApi events;
    private final MetricsApi metrics;
    private final List<ApiRoutes> routes = new ArrayList<>();
    private final ApiOptions options;
    private Javalin app;

    /**
     * @param node a started node
     * @param shutdown what {@code POST /shutdown} does: stop this server, the node and the process
     *     (it runs on a thread of its own, after the answer is sent)
     * @param extra more endpoint groups (dashboard, metrics)
     */
    public ApiServer(FlintNode node, ApiOptions options, Runnable shutdown, List<ApiRoutes> extra) {
        if (!node.isRunning()) {
            throw new IllegalStateException("start the node before its API");
        }
        this.node = node;
        this.options = options;
        AdminAuth auth = new AdminAuth(node.adminToken());
        this.events = new EventsApi(node, mapper, options);
        if (node.settings().light()) {
            // first, so that its before-handlers refuse what a light node cannot answer
            routes.add(new LightNodeGuard());
        }
        routes.add(new StatusApi(node));
        routes.add(new ChainApi(node.chain(), node.settings().network().addressVersion(), node.settings().light()));
        routes.add(new AddressApi(node.chain(), node.mempool(), node.coins()));
        routes.add(new PoolApi(node, mapper));
        routes.add(new NetworkApi(node.network()));
        routes.add(new WalletApi(node, mapper, auth));
        routes.add(new AdminApi(node, mapper, auth, options, shutdown));
        routes.add(events);
        routes.add(new DashboardApi());
        this.metrics = new MetricsApi(node);
        routes.add(metrics);
        routes.addAll(extra);
    }

    public ApiServer(FlintNode node, Runnable shutdown) {
        this(node, ApiOptions.DEFAULTS, shutdown, List.of());
    }

    /**
     * Binds and serves.
     *
     * @throws IllegalStateException naming the address when it cannot bind (port in use...)
     */
    public synchronized ApiServer start() {
        if (app != null) {
            return this;
        }
        String host = node.settings().apiBind();
        int port = node.settings().apiPort();
        Javalin javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            config.http.defaultContentType = "application/json";
            // bodies are read through Requests' bounded reader; this is the same limit for Javalin's own reads
            config.http.maxRequestSize = Requests.MAX_BODY_BYTES;
            QueuedThreadPool threads = new QueuedThreadPool(options.httpThreads(), 2, 60_000);
            threads.setName("flint-http-" + node.settings().id());
            threads.setDaemon(true);
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES));
            // what Jetty refuses before routing (malformed URL, URL or headers too long) is JSON too
            JsonErrorHandler errors = new JsonErrorHandler(mapper);
            config.jetty.modifyServer(server -> server.setErrorHandler(errors));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
        });
        mapErrors(javalin);
        javalin.before(ctx -> {
            if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
                ctx.header("Access-Control-Allow-Origin", "*");
            }
        });
        javalin.events(events -> events.handlerAdded(h -> answerHeadLikeGet(javalin, h)));
        routes.forEach(r -> r.register(javalin));
        try {
            javalin.start(host, port);
        } catch (RuntimeException e) {
            javalin.stop();
            throw new IllegalStateException("cannot serve the HTTP API on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        app = javalin;
        log.info("HTTP API on {}:{}", host, port());
        // peers learn the port from HELLO; with port 0 it is known only now
        node.advertiseHttpPort(port());
        return this;
    }

    private void mapErrors(Javalin javalin) {
        javalin.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(new ErrorView(e.error(), e.reason())));
        javalin.exception(HttpResponseException.class, (e, ctx) -> {
            String error = JsonErrorHandler.code(e.getStatus());
            String allowed = allowedMethods(e);
            if (e.getStatus() == 405) {
                // RFC 9110: a 405 names what the resource does allow
                ctx.header("Allow", allowed);
            }
            String reason = switch (e.getStatus()) {
                case 404 -> "no endpoint " + ctx.method() + " " + ctx.path();
                case 405 -> ctx.req().getMethod() + " is not allowed on " + ctx.path() + "; allowed: " + allowed;
                case 413 -> Requests.tooLarge().reason();
                default -> e.getMessage();
            };
            ctx.status(e.getStatus()).json(new ErrorView(error, reason));
        });
        // the event loop did not answer in time, or the node is stopping
        javalin.exception(NodeUnavailableException.class,
                (e, ctx) -> ctx.status(503).json(new ErrorView("unavailable", e.getMessage())));
        // a damaged chain store (the node logs it once): the answer says what to do, no stack trace per request
        javalin.exception(StoreException.class, (e, ctx) -> ctx.status(500).json(new ErrorView("storage_error",
                e.getMessage() + "; the chain store of this node is damaged: stop the node and run 'flint chain verify "
                        + "--data-dir " + node.dataDirectory().root() + "' to see what is lost (to start afresh, move "
                        + "its chain directory away, keeping the wallet files and api.token: the node downloads the "
                        + "chain again from its peers)")));
        // the node wallet's password file was replaced while it ran (a start refuses a pair that does not match)
        javalin.exception(WrongPasswordException.class, (e, ctx) -> ctx.status(500).json(new ErrorView("wallet_password",
                node.dataDirectory().walletPassword() + " does not open the node wallet " + node.dataDirectory().wallet()
                        + ": restore the pair from one backup and restart the node")));
        javalin.exception(Exception.class, (e, ctx) -> {
            log.warn("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorView("internal", e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        });
    }

    /** The methods Javalin found routes for when it refused one with 405 ("GET, HEAD"). */
    private static String allowedMethods(HttpResponseException e) {
        return e.getDetails().entrySet().stream().filter(d -> d.getKey().replace(" ", "").equalsIgnoreCase("availableMethods"))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    /**
     * Javalin answers HEAD on a GET route by itself, without running the handler: 200, no
     * Content-Type and Content-Length 0, which a client trusting HEAD takes for an empty answer.
     * So HEAD runs GET's handler and Jetty sends its headers without the body. Not for the event
     * stream, which never ends: {@link EventsApi} answers its HEAD itself.
     */
    private static void answerHeadLikeGet(Javalin javalin, HandlerMetaInfo added) {
        if (added.getHttpMethod() == HandlerType.GET && !added.getPath().equals(EventsApi.PATH)) {
            javalin.head(added.getPath(), added.getHandler());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** The bound port (the real one when the settings asked for 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the API is not started");
        }
        return app.port();
    }

    /** The URL a client on this machine uses: http://HOST:PORT as bound, loopback when bound to every address. */
    public String url() {
        return localUrl(node.settings().apiBind(), port());
    }

    static String localUrl(String bind, int port) {
        String host = bind.strip();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    /** How many {@code /events} streams are open. */
    public int eventClients() {
        return events.clients();
    }

    /** Ends the event streams, then stops the server. */
    public synchronized void stop() {
        if (app == null) {
            return;
        }
        events.close();
        app.stop();
        app = null;
        metrics.close();
        log.info("HTTP API stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
