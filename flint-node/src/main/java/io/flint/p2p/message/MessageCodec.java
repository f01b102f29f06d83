package io.flint.p2p.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.core.Block;
import io.flint.core.BlockHeader;
import io.flint.core.DecodeException;
import io.flint.core.Hash;
import io.flint.core.Transaction;
import io.flint.crypto.Hex;
import io.flint.p2p.transport.HostSyntax;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON wire form of {@link Envelope}s. Strict about every field a message needs (type, range,
 * hex that parses as a transaction, block or header, list lengths) and tolerant of unknown extra
 * fields. Decoding never throws: anything wrong is a {@link DecodeResult.Malformed} naming the
 * field. Thread-safe.
 */
public final class MessageCodec {
    /** Most block or transaction ids in one INV or GETBLOCK. */
    public static final int MAX_IDS = 500;
    /** Most headers in one BLOCK_HEADERS, and most headers one GET_BLOCK_HEADERS may ask for. */
    public static final int MAX_HEADERS = 100;
    /** Most transactions in GOODBYE, MEMPOOL_TRANSFER or MEMPOOL_DATA. */
    public static final int MAX_TRANSACTIONS = 100;
    /** Most peers in one PEERS_LIST, and most reach ids in one PING or PONG. */
    public static final int MAX_PEERS = 1000;
    /** Longest free-text field (reasons, addresses, modes, hosts). */
    public static final int MAX_TEXT = 256;
    /** Deepest nesting of JSON arrays and objects (no message needs more than 4). */
    static final int MAX_DEPTH = 16;
    private static final long UINT32_MAX = 0xffff_ffffL;
    private static final int MAX_WORK_HEX = 64;

    private final JsonMapper mapper;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    public MessageCodec() {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    // ------------------------------------------------------------------ encoding

    /** The UTF-8 JSON bytes of one message. */
    public byte[] encode(Envelope envelope) {
        try {
            return mapper.writeValueAsBytes(toJson(envelope));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a tree of plain values cannot fail", e);
        }
    }

    ObjectNode toJson(Envelope envelope) {
        ObjectNode o = nodes.objectNode();
        o.put("type", envelope.type().name());
        o.put("sender_id", envelope.senderId());
        o.put("message_id", envelope.messageId());
        Message body = envelope.body();
        switch (envelope.type()) {
            case HELLO -> {
                Message.Hello m = (Message.Hello) body;
                o.put("ip", m.ip());
                o.put("port", m.port());
                o.set("flags", flags(m.flags()));
                o.put("genesis", m.genesis().toString());
                o.put("height", m.height());
                o.put("address", m.address());
                o.put("http_port", m.httpPort());
                o.put("mode", m.mode());
                o.put("ack", m.ack());
            }
            case NEW_PEER -> {
                Message.NewPeer m = (Message.NewPeer) body;
                o.put("new_peer_id", m.newPeerId());
                o.put("new_peer_ip", m.newPeerIp());
                o.put("new_peer_port", m.newPeerPort());
                o.set("new_peer_flags", flags(m.newPeerFlags()));
            }
            case GET_PEERS -> { }
            case PEERS_LIST -> {
                Message.PeersList m = (Message.PeersList) body;
                ObjectNode peers = o.putObject("peers");
                m.peers().forEach((id, e) -> {
                    ObjectNode p = peers.putObject(id);
                    p.put("ip", e.ip());
                    p.put("port", e.port());
                    p.set("flags", flags(e.flags()));
                    p.put("status", e.status());
                });
            }
            case PING -> {
                Message.Ping m = (Message.Ping) body;
                liveness(o, m.timestamp(), m.tip(), m.reach());
            }
            case PONG -> {
                Message.Pong m = (Message.Pong) body;
                liveness(o, m.timestamp(), m.tip(), m.reach());
            }
            case GOODBYE -> {
                Message.Goodbye m = (Message.Goodbye) body;
                o.put("reason", m.reason());
                o.set("pending_transactions", hexList(m.pendingTransactions()));
                o.put("has_more_transactions", m.hasMoreTransactions());
                o.put("timestamp", m.timestamp());
            }
            case MEMPOOL_TRANSFER -> {
                Message.MempoolTransfer m = (Message.MempoolTransfer) body;
                batch(o, m.transactions(), m.batch(), m.totalBatches());
            }
            case GET_MEMPOOL -> {
                Message.GetMempool m = (Message.GetMempool) body;
                if (!m.txIds().isEmpty()) {
                    o.set("tx_ids", hashList(m.txIds()));
                }
            }
            case MEMPOOL_DATA -> {
                Message.MempoolData m = (Message.MempoolData) body;
                batch(o, m.transactions(), m.batch(), m.totalBatches());
            }
            case TX -> {
                Message.Tx m = (Message.Tx) body;
                o.put("tx", m.tx().toHex());
            }
            case INV -> {
                Message.Inv m = (Message.Inv) body;
                o.set("block_ids", hashList(m.blockIds()));
                if (!m.txIds().isEmpty()) {
                    o.set("tx_ids", hashList(m.txIds()));
                }
            }
            case GETBLOCK -> {
                Message.GetBlock m = (Message.GetBlock) body;
                o.set("block_ids", hashList(m.blockIds()));
            }
            case BLOCK -> {
                Message.BlockMsg m = (Message.BlockMsg) body;
                o.put("block", m.block().toHex());
            }
            case GET_BLOCK_HEADERS -> {
                Message.GetBlockHeaders m = (Message.GetBlockHeaders) body;
                o.put("start_height", m.startHeight());
                o.put("end_height", m.endHeight());
            }
            case BLOCK_HEADERS -> {
                Message.BlockHeaders m = (Message.BlockHeaders) body;
                o.put("start_height", m.startHeight());
                o.set("headers", hexList(m.headers()));
                o.put("tip_height", m.tipHeight());
            }
            case GET_LATEST_BLOCK -> {
                Message.GetLatestBlock m = (Message.GetLatestBlock) body;
                o.put("current_height", m.currentHeight());
            }
            case LATEST_BLOCK -> {
                Message.LatestBlock m = (Message.LatestBlock) body;
                o.put("height", m.height());
                o.put("hash", m.hash().toString());
                o.put("header", m.header().toHex());
            }
            case RELAY -> {
                Message.Relay m = (Message.Relay) body;
                o.put("target_id", m.targetId());
                o.set("payload", toJson(m.payload()));
                o.put("hops_left", m.hopsLeft());
            }
        }
        return o;
    }

    private ObjectNode flags(PeerFlags f) {
        ObjectNode o = nodes.objectNode();
        o.put("nat", f.nat());
        o.put("light", f.light());
        o.put("new_node", f.newNode());
        o.put("localnetworkid", f.localNetworkId());
        return o;
    }

    private void liveness(ObjectNode o, long timestamp, TipInfo tip, List<String> reach) {
        o.put("timestamp", timestamp);
        if (tip != null) {
            o.put("height", tip.height());
            o.put("tip", tip.hash().toString());
            o.put("chain_work", tip.work().toString(16));
        }
        ArrayNode a = o.putArray("reach");
        reach.forEach(a::add);
    }

    private void batch(ObjectNode o, List<Transaction> txs, int batch, int total) {
        o.set("transactions", hexList(txs));
        o.put("batch", batch);
        o.put("total_batches", total);
    }

    private ArrayNode hexList(List<? extends io.flint.core.Encodable> values) {
        ArrayNode a = nodes.arrayNode();
        values.forEach(v -> a.add(v.toHex()));
        return a;
    }

    private ArrayNode hashList(List<Hash> hashes) {
        ArrayNode a = nodes.arrayNode();
        hashes.forEach(h -> a.add(h.toString()));
        return a;
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes one frame; never throws. */
    public DecodeResult decode(byte[] frame) {
        JsonNode root;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(frame));
            try (JsonParser p = mapper.createParser(frame)) {
                root = mapper.readTree(p);
                if (p.nextToken() != null) {
                    return new DecodeResult.Malformed("trailing data after the JSON object at byte offset "
                            + p.currentTokenLocation().getByteOffset(), "", true);
                }
            }
        } catch (CharacterCodingException e) {
            return new DecodeResult.Malformed("the frame is not valid UTF-8", "", true);
        } catch (JsonProcessingException e) {
            return new DecodeResult.Malformed(NotJson.reason(frame, e), "", true);
        } catch (IOException | RuntimeException e) {
            return new DecodeResult.Malformed("the frame is not valid JSON", "", true);
        }
        if (root == null || !root.isObject()) {
            return new DecodeResult.Malformed("the frame is not a JSON object", "", true);
        }
        String sender = root.path("sender_id").isTextual() ? root.get("sender_id").asText() : "";
        try {
            return new DecodeResult.Decoded(envelope(root, true));
        } catch (FieldException e) {
            return new DecodeResult.Malformed(e.getMessage(), Envelope.isNodeId(sender) ? sender : "", false);
        }
    }

    private Envelope envelope(JsonNode o, boolean relayAllowed) {
        String typeName = text(o, "type", 32);
        MessageType type = MessageType.byWireName(typeName)
                .orElseThrow(() -> new FieldException("unknown message type '" + typeName + "'"));
        String sender = id(o, "sender_id");
        // the id is 128 bits: upper and lower case spell the same ones, and must dedup as one
        String id = text(o, "message_id", 64).toLowerCase(java.util.Locale.ROOT);
        if (!Envelope.isMessageId(id)) {
            throw new FieldException("message_id must be 32 hex characters");
        }
        Message body = switch (type) {
            case HELLO -> new Message.Hello(host(o, "ip"), port(o, "port"), flags(o, "flags"),
                    hash(o, "genesis"), uint32(o, "height"), optText(o, "address"), optPort(o, "http_port"),
                    optText(o, "mode"), optBool(o, "ack"));
            case NEW_PEER -> new Message.NewPeer(id(o, "new_peer_id"), host(o, "new_peer_ip"),
                    port(o, "new_peer_port"), flags(o, "new_peer_flags"));
            case GET_PEERS -> new Message.GetPeers();
            case PEERS_LIST -> peers(o);
            case PING -> new Message.Ping(nonNegative(o, "timestamp"), tip(o), reach(o));
            case PONG -> new Message.Pong(nonNegative(o, "timestamp"), tip(o), reach(o));
            case GOODBYE -> new Message.Goodbye(text(o, "reason", MAX_TEXT),
                    list(o, "pending_transactions", MAX_TRANSACTIONS, Transaction::fromHex, "transaction"),
                    bool(o, "has_more_transactions"), timestampMillis(o));
            case MEMPOOL_TRANSFER -> {
                int[] b = batchNumbers(o);
                yield new Message.MempoolTransfer(
                        list(o, "transactions", MAX_TRANSACTIONS, Transaction::fromHex, "transaction"), b[0], b[1]);
            }
            case GET_MEMPOOL -> new Message.GetMempool(hashes(o, "tx_ids", false));
            case MEMPOOL_DATA -> {
                int[] b = batchNumbers(o);
                yield new Message.MempoolData(
                        list(o, "transactions", MAX_TRANSACTIONS, Transaction::fromHex, "transaction"), b[0], b[1]);
            }
            case TX -> new Message.Tx(parsed(o, "tx", Transaction::fromHex, "transaction"));
            case INV -> new Message.Inv(hashes(o, "block_ids", true), hashes(o, "tx_ids", false));
            case GETBLOCK -> new Message.GetBlock(hashes(o, "block_ids", true));
            case BLOCK -> new Message.BlockMsg(parsed(o, "block", Block::fromHex, "block"));
            case GET_BLOCK_HEADERS -> {
                long start = uint32(o, "start_height");
                long end = uint32(o, "end_height");
                // a longer range is not malformed: it is answered with its first MAX_HEADERS headers
                if (end < start) {
                    throw new FieldException("end_height " + end + " is below start_height " + start);
                }
                yield new Message.GetBlockHeaders(start, end);
            }
            case BLOCK_HEADERS -> new Message.BlockHeaders(uint32(o, "start_height"),
                    list(o, "headers", MAX_HEADERS, BlockHeader::fromHex, "header"), uint32(o, "tip_height"));
            case GET_LATEST_BLOCK -> new Message.GetLatestBlock(uint32(o, "current_height"));
            case LATEST_BLOCK -> latestBlock(o);
            case RELAY -> {
                if (!relayAllowed) {
                    throw new FieldException("a RELAY payload may not itself be a RELAY");
                }
                String target = id(o, "target_id");
                JsonNode payload = o.get("payload");
                if (payload == null || !payload.isObject()) {
                    throw new FieldException("payload must be a JSON object");
                }
                Envelope inner;
                try {
                    inner = envelope(payload, false);
                } catch (FieldException e) {
                    throw new FieldException("payload: " + e.getMessage());
                }
                int hops = o.hasNonNull("hops_left") ? (int) range(o, "hops_left", 0, 16) : 2;
                yield new Message.Relay(target, inner, hops);
            }
        };
        return new Envelope(sender, id, body);
    }

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null) {
            throw new FieldException(name + " is missing");
        }
        if (v.isNull()) {
            // present but null is another mistake than absent: say which one the sender made
            throw new FieldException(name + " is null");
        }
        return v;
    }

    private static String text(JsonNode o, String name, int maxLength) {
        JsonNode v = field(o, name);
        if (!v.isTextual()) {
            throw new FieldException(name + " must be a string, got " + v.getNodeType().name().toLowerCase());
        }
        String s = v.asText();
        if (s.length() > maxLength) {
            throw new FieldException(name + " is longer than " + maxLength + " characters");
        }
        return s;
    }

    private static String id(JsonNode o, String name) {
        String s = text(o, name, Envelope.MAX_ID_LENGTH);
        if (s.isEmpty()) {
            throw new FieldException(name + " is empty");
        }
        if (!Envelope.isNodeId(s)) {
            throw new FieldException(name + " contains a control character");
        }
        return s;
    }

    /**
     * A host a peer can be dialled at ({@link HostSyntax}, judged by form: nothing is looked up).
     * Else any text would be stored, listed to others and dialled by every node that learns it.
     */
    private static String host(JsonNode o, String name) {
        String s = text(o, name, MAX_TEXT);
        if (!HostSyntax.isHost(s)) {
            throw new FieldException(notAHost(name, s));
        }
        return s;
    }

    private static String notAHost(String name, String value) {
        return name + " " + quoted(value) + " is not an IP address or host name";
    }

    /** A peer's text for a log line: short, and without control characters that could forge lines. */
    static String quoted(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static String optText(JsonNode o, String name) {
        return o.hasNonNull(name) ? text(o, name, MAX_TEXT) : "";
    }

    private static boolean bool(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isBoolean()) {
            throw new FieldException(name + " must be true or false");
        }
        return v.asBoolean();
    }

    private static boolean optBool(JsonNode o, String name) {
        return o.hasNonNull(name) && bool(o, name);
    }

    private static long range(JsonNode o, String name, long min, long max) {
        JsonNode v = field(o, name);
        if (!v.isIntegralNumber()) {
            throw new FieldException(name + " must be an integer");
        }
        if (!v.canConvertToLong()) {
            // an integer, only too large for any field: name the range, not the type
            throw new FieldException(name + " " + v.bigIntegerValue() + " is outside " + min + ".." + max);
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new FieldException(name + " " + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static long uint32(JsonNode o, String name) {
        return range(o, name, 0, UINT32_MAX);
    }

    private static long nonNegative(JsonNode o, String name) {
        return range(o, name, 0, Long.MAX_VALUE);
    }

    private static int port(JsonNode o, String name) {
        return (int) range(o, name, 0, 65_535);
    }

    private static int optPort(JsonNode o, String name) {
        return o.hasNonNull(name) ? port(o, name) : 0;
    }

    /** GOODBYE's timestamp: the seed sends float seconds, Flint integer milliseconds. */
    private static long timestampMillis(JsonNode o) {
        JsonNode v = field(o, "timestamp");
        if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
            throw new FieldException("timestamp must be a non-negative number");
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new FieldException("timestamp " + v.bigIntegerValue() + " is outside 0.." + Long.MAX_VALUE);
            }
            return v.asLong();
        }
        double millis = v.asDouble() * 1000;
        if (millis >= Long.MAX_VALUE) {
            throw new FieldException("timestamp " + v.asText() + " is outside 0.." + (Long.MAX_VALUE / 1000) + " seconds");
        }
        return (long) millis;
    }

    private static int[] batchNumbers(JsonNode o) {
        int total = (int) range(o, "total_batches", 1, 1_000_000);
        int batch = (int) range(o, "batch", 1, total);
        return new int[] {batch, total};
    }

    private static Hash hash(JsonNode o, String name) {
        String s = text(o, name, 64);
        if (s.length() != 64 || !Hex.isHex(s)) {
            throw new FieldException(name + " must be 64 hex characters");
        }
        return Hash.fromDisplayHex(s);
    }

    private static List<Hash> hashes(JsonNode o, String name, boolean required) {
        if (!required && !o.hasNonNull(name)) {
            return List.of();
        }
        JsonNode a = array(o, name, MAX_IDS);
        List<Hash> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isTextual() || v.asText().length() != 64 || !Hex.isHex(v.asText())) {
                throw new FieldException(name + "[" + i + "] must be 64 hex characters");
            }
            out.add(Hash.fromDisplayHex(v.asText()));
        }
        return out;
    }

    private static JsonNode array(JsonNode o, String name, int max) {
        JsonNode a = field(o, name);
        if (!a.isArray()) {
            throw new FieldException(name + " must be a list");
        }
        if (a.size() > max) {
            throw new FieldException(name + " has " + a.size() + " entries, more than " + max);
        }
        return a;
    }

    private static <T> T parseHex(String hex, Function<String, T> parse, String what, String where) {
        try {
            return parse.apply(hex);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new FieldException(where + " is not a valid " + what + ": " + e.getMessage());
        }
    }

    private static <T> T parsed(JsonNode o, String name, Function<String, T> parse, String what) {
        return parseHex(text(o, name, Integer.MAX_VALUE), parse, what, name);
    }

    private static <T> List<T> list(JsonNode o, String name, int max, Function<String, T> parse, String what) {
        JsonNode a = array(o, name, max);
        List<T> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isTextual()) {
                throw new FieldException(name + "[" + i + "] must be a hex string");
            }
            out.add(parseHex(v.asText(), parse, what, name + "[" + i + "]"));
        }
        return out;
    }

    private static PeerFlags flags(JsonNode o, String name) {
        JsonNode f = field(o, name);
        if (!f.isObject()) {
            throw new FieldException(name + " must be an object");
        }
        try {
            return new PeerFlags(optBool(f, "nat"), optBool(f, "light"), optBool(f, "new_node"),
                    f.hasNonNull("localnetworkid") ? text(f, "localnetworkid", MAX_TEXT) : "");
        } catch (FieldException e) {
            throw new FieldException(name + "." + e.getMessage());
        }
    }

    /**
     * The entries of a PEERS_LIST. An entry whose {@code ip} cannot name a host is skipped, not an
     * offence for the whole list: its sender only passes on what it learned (from a node of an
     * older version that took any text, or its own peers.json), and an honest node must not be
     * banned for answering GET_PEERS. Every other bad field of an entry is malformed, as before.
     */
    private static Message.PeersList peers(JsonNode o) {
        JsonNode p = field(o, "peers");
        if (!p.isObject()) {
            throw new FieldException("peers must be an object");
        }
        if (p.size() > MAX_PEERS) {
            throw new FieldException("peers has " + p.size() + " entries, more than " + MAX_PEERS);
        }
        Map<String, PeerEntry> out = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = p.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            if (!Envelope.isNodeId(id)) {
                throw new FieldException("peers has an id that is empty, too long or holds a control character");
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw new FieldException("peers." + id + " must be an object");
            }
            try {
                PeerFlags flags = v.hasNonNull("flags") ? flags(v, "flags") : PeerFlags.NONE;
                String ip = text(v, "ip", MAX_TEXT);
                PeerEntry entry = new PeerEntry(ip, port(v, "port"), flags, optText(v, "status"));
                if (HostSyntax.isHost(ip)) {
                    out.put(id, entry);
                } else {
                    skipped.add("peers." + id + "." + notAHost("ip", ip));
                }
            } catch (FieldException ex) {
                throw new FieldException("peers." + id + "." + ex.getMessage());
            }
        }
        return new Message.PeersList(out, skipped);
    }

    /**
     * A LATEST_BLOCK whose parts disagree is malformed: the header is what the claim rests on
     * (its hash is double SHA-256 of all 84 bytes, the height among them), and believed, a
     * made-up height started a header sync toward its sender.
     */
    private static Message.LatestBlock latestBlock(JsonNode o) {
        long height = uint32(o, "height");
        Hash hash = hash(o, "hash");
        BlockHeader header = parsed(o, "header", BlockHeader::fromHex, "header");
        if (!header.hash().equals(hash)) {
            throw new FieldException("header hashes to " + header.hash() + ", not to hash " + hash);
        }
        if (header.height() != height) {
            throw new FieldException("header is at height " + header.height() + ", not at height " + height);
        }
        return new Message.LatestBlock(height, hash, header);
    }

    private static TipInfo tip(JsonNode o) {
        if (!o.hasNonNull("tip")) {
            return null;
        }
        long height = uint32(o, "height");
        Hash hash = hash(o, "tip");
        String work = text(o, "chain_work", MAX_WORK_HEX);
        if (work.isEmpty() || !work.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new FieldException("chain_work must be hex");
        }
        return new TipInfo(height, hash, new BigInteger(work, 16));
    }

    private static List<String> reach(JsonNode o) {
        if (!o.hasNonNull("reach")) {
            return List.of();
        }
        JsonNode a = array(o, "reach", MAX_PEERS);
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isTextual() || !Envelope.isNodeId(v.asText())) {
                throw new FieldException("reach[" + i + "] must be a peer id");
            }
            out.add(v.asText());
        }
        return out;
    }

    /** A field problem, caught inside the codec; never leaves it. */
    private static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FieldException(String message) {
            super(message, null, false, false);
        }
    }
}
