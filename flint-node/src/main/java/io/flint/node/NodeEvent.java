package io.flint.node;

/**
 * Something a watcher of the node wants to know as it happens: the dashboard's live updates
 * (server-sent events) and the logs come from these.
 *
 * @param kind "block", "reorg", "tx", "peer-joined", "peer-left", "peer-unreachable", "ban", ...
 * @param data a JSON-ready description (records, maps, strings, numbers)
 */
public record NodeEvent(String kind, Object data) {}
