package io.flint.node;

/**
 * Something a watcher of the node wants to know as it happens: the dashboard's live updates
 * (server-sent events) and the logs come from these.
 *
 * @param kind "block", "reorg", "tx", "peer-joined", "peer-left", "peer-unreachable", "ban", ...
 * @param data a JSON-ready description (records, maps, strings, numbers)
 * @param seq the event's number, 1 for the first since the node started, one more for each
 *     (a watcher tells a gap or a repeat after a reconnect; 0 for the stream's own events)
 * @param at when it was published, milliseconds since the epoch on the node's clock (a lab
 *     measures detection times from these rather than from when its script read them)
 */
public record NodeEvent(String kind, Object data, long seq, long at) {
    /** One of the stream's own events (hello, overflow, close), outside the node's numbering. */
    public static NodeEvent unnumbered(String kind, Object data) {
        return new NodeEvent(kind, data, 0, 0);
    }
}
