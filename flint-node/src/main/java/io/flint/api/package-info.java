/**
 * The node's HTTP API: JSON endpoints, the dashboard, server-sent events, Prometheus metrics and health.
 */
package io.flint.api;
