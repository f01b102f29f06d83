package io.flint.api;

import io.flint.node.FlintNode;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: the node's {@link NodeMetrics} and the JVM's (memory, threads, CPU,
 * uptime) in the Prometheus text format, from a registry of this server's own (no global state).
 */
final class MetricsApi implements ApiRoutes, AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final NodeMetrics metrics;

    MetricsApi(FlintNode node) {
        registry.config().commonTags("node", node.settings().id());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        metrics = new NodeMetrics(node, registry);
    }

    @Override
    public void register(Javalin app) {
        app.get("/metrics", ctx -> {
            metrics.refresh();
            ctx.contentType(CONTENT_TYPE).result(registry.scrape());
        });
    }

    @Override
    public void close() {
        metrics.close();
        registry.close();
    }
}
