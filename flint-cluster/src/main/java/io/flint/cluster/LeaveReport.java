package io.flint.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was seen of a node leaving.
 *
 * @param node the node
 * @param how "POST /shutdown", "SIGTERM", "docker stop" or "SIGKILL"
 * @param exited whether it exited within the time allowed
 * @param exitedAfter from the request until it exited
 * @param pooled transactions in its pool just before it was asked to leave (empty if its API did not answer)
 * @param handedOver transactions it handed over as it left, as its own log says (empty when the log does
 *     not say: a log level above INFO); the receivers' {@code handover} events offer this many
 * @param heldElsewhere of those, how many other nodes hold afterwards (pooled or in a block; -1 if not checked)
 * @param removedBy how many of the nodes that listed it before no longer do
 * @param listedBefore how many nodes listed it before
 * @param removedAfter until the last of them dropped it (empty if some still list it)
 * @param noGoodbye the peers that still list it when the watch ended, each with why no GOODBYE reached it
 *     ("banned by the leaving node: ..."), or "" when that is not known
 */
public record LeaveReport(NodeEntry node, String how, boolean exited, Duration exitedAfter, Optional<Integer> pooled,
        Optional<Integer> handedOver, int heldElsewhere, int removedBy, int listedBefore,
        Optional<Duration> removedAfter, Map<String, String> noGoodbye) {
    public LeaveReport {
        noGoodbye = Collections.unmodifiableMap(new LinkedHashMap<>(noGoodbye));
    }

    /** A report without the leaver's own count of what it handed over. */
    public LeaveReport(NodeEntry node, String how, boolean exited, Duration exitedAfter, Optional<Integer> pooled,
            int heldElsewhere, int removedBy, int listedBefore, Optional<Duration> removedAfter,
            Map<String, String> noGoodbye) {
        this(node, how, exited, exitedAfter, pooled, Optional.empty(), heldElsewhere, removedBy, listedBefore,
                removedAfter, noGoodbye);
    }

    /** A report that names no peer left without a goodbye (nothing was watched, or every peer dropped it). */
    public LeaveReport(NodeEntry node, String how, boolean exited, Duration exitedAfter, Optional<Integer> pooled,
            int heldElsewhere, int removedBy, int listedBefore, Optional<Duration> removedAfter) {
        this(node, how, exited, exitedAfter, pooled, Optional.empty(), heldElsewhere, removedBy, listedBefore,
                removedAfter, Map.of());
    }

    /** The {@link #how} of a node that was dead before it was asked to leave: nothing was sent. */
    public static final String ALREADY_DEAD = "already dead";

    /** The {@link #how} of a node whose backend could not be asked: nothing was sent, it stays listed. */
    public static final String UNREACHABLE = "backend unreachable";

    /** The report on a node that could not be stopped because its backend (the Docker daemon) does not answer. */
    public static LeaveReport unreachable(NodeEntry node) {
        return new LeaveReport(node, UNREACHABLE, false, Duration.ZERO, Optional.empty(), -1, 0, 0, Optional.empty());
    }

    /** The report on a node found dead: nothing to ask, nothing to wait for. */
    public static LeaveReport alreadyDead(NodeEntry node) {
        return new LeaveReport(node, ALREADY_DEAD, true, Duration.ZERO, Optional.empty(), -1, 0, 0, Optional.empty());
    }

    /** "node 5011 left: 7 transactions handed over (7 of 7 now held by other nodes), removed by 10 of 10 peers in 5.1 s". */
    public String sentence() {
        if (how.equals(ALREADY_DEAD)) {
            return "node " + node.id() + " was already dead (" + node.deathReason() + ")";
        }
        if (how.equals(UNREACHABLE)) {
            return "node " + node.id() + " was not stopped: its " + ("docker".equals(node.backend()) ? "Docker daemon"
                    : node.backend() + " backend") + " cannot be reached; it stays listed";
        }
        if (how.equals("SIGKILL")) {
            return "node " + node.id() + " killed (SIGKILL, no goodbye); its peers will mark it UNREACHABLE after "
                    + "their ping timeout and forget it later (those that have it as a bootstrap peer keep it, "
                    + "UNREACHABLE, until it comes back)";
        }
        if (!exited) {
            return "node " + node.id() + " did not exit within " + Durations.human(exitedAfter) + " after " + how;
        }
        StringBuilder s = new StringBuilder("node ").append(node.id()).append(" left");
        boolean told = handedOver.isPresent() || pooled.isPresent();
        if (told) {
            s.append(": ").append(handOverClause());
        }
        s.append(told ? ", " : ": ").append("exited ").append(Durations.human(exitedAfter))
                .append(" after ").append(how);
        if (listedBefore > 0) {
            s.append(", removed by ").append(removedBy).append(" of ").append(listedBefore).append(" peers");
            removedAfter.ifPresent(d -> s.append(" in ").append(Durations.human(d)));
            if (removedBy < listedBefore) {
                s.append(missedGoodbyes());
            }
        }
        return s.toString();
    }

    /**
     * "7 transactions handed over (7 of 7 now held by other nodes)". The count is the leaver's own
     * (its log), which the receivers' handover events offer too; the check of who holds them now
     * can only ask for the txids its pool listed a moment before it was asked to leave, and says
     * so when that list was shorter. Without the leaver's count, the pool it listed is all there
     * is, and may be a transaction or two short: "about".
     */
    private String handOverClause() {
        int listed = pooled.orElse(0);
        String held = listed > 0 && heldElsewhere >= 0 ? heldElsewhere + " of " + listed : "";
        if (handedOver.isEmpty()) {
            return "about " + transactions(listed) + " handed over" + (held.isEmpty() ? ""
                    : " (" + held + " pooled just before now held by other nodes)");
        }
        int n = handedOver.get();
        if (held.isEmpty()) {
            return transactions(n) + " handed over";
        }
        return transactions(n) + " handed over (" + held + (listed == n ? "" : " pooled just before")
                + " now held by other nodes)";
    }

    private static String transactions(int n) {
        return n + (n == 1 ? " transaction" : " transactions");
    }

    /**
     * "; no goodbye reached 5000 (banned by the leaving node: ...), which drops it after its ping
     * timeout": a peer the leaver had banned is not sent a GOODBYE, so it keeps listing the leaver
     * until its own ping timeout, and the user should see which peer that is and why.
     */
    private String missedGoodbyes() {
        if (noGoodbye.isEmpty()) {
            return " (the others got no goodbye and drop it after their ping timeout)";
        }
        List<String> named = new ArrayList<>();
        noGoodbye.forEach((id, why) -> named.add(id + (why.isEmpty() ? "" : " (" + why + ")")));
        boolean one = named.size() == 1;
        return "; no goodbye reached " + String.join(", ", named) + ", which " + (one ? "drops" : "drop")
                + " it after " + (one ? "its" : "their") + " ping timeout";
    }
}
