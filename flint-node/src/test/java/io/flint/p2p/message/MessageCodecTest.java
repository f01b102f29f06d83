package io.flint.p2p.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.core.Block;
import io.flint.core.Hash;
import io.flint.core.NetworkParams;
import io.flint.core.Transaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final Block BLOCK = NetworkParams.REGTEST.genesis();
    private static final Transaction TX = BLOCK.transactions().get(0);
    private static final Hash H = BLOCK.hash();
    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final PeerFlags FLAGS = new PeerFlags(true, false, true, "lan-1");

    private final MessageCodec codec = new MessageCodec();

    static Stream<Message> everyType() {
        Envelope inner = new Envelope("5001", ID, new Message.Tx(TX));
        return Stream.of(
                new Message.Hello("10.0.0.1", 5000, FLAGS, H, 7, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", 7000, "normal",
                        true),
                new Message.NewPeer("5011", "10.0.0.12", 5011, FLAGS),
                new Message.GetPeers(),
                new Message.PeersList(Map.of("5002", new PeerEntry("10.0.0.3", 5002, FLAGS, "ALIVE"))),
                new Message.Ping(123, new TipInfo(5, H, BigInteger.valueOf(99)), List.of("5010")),
                new Message.Pong(123, null, List.of()),
                new Message.Goodbye("normal_shutdown", List.of(TX), true, 1_700_000_000_000L),
                new Message.MempoolTransfer(List.of(TX, TX), 2, 3),
                new Message.GetMempool(),
                new Message.MempoolData(List.of(), 1, 1),
                new Message.Tx(TX),
                new Message.Inv(List.of(H), List.of(TX.txid())),
                new Message.GetBlock(List.of(H, H)),
                new Message.BlockMsg(BLOCK),
                new Message.GetBlockHeaders(0, 99),
                new Message.BlockHeaders(0, List.of(BLOCK.header()), 0),
                new Message.GetLatestBlock(3),
                new Message.LatestBlock(0, H, BLOCK.header()),
                new Message.Relay("5010", inner, 2));
    }

    @Test
    void theCatalogCoversEveryType() {
        assertThat(everyType().map(Message::type)).containsExactlyInAnyOrder(MessageType.values());
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyMessageSurvivesARoundTrip(Message body) {
        Envelope env = new Envelope("5000", ID, body);
        DecodeResult back = codec.decode(codec.encode(env));
        assertThat(back).isEqualTo(new DecodeResult.Decoded(env));
    }

    @Test
    void hashesTravelInDisplayOrderAndFieldsUseTheContractNames() {
        String json = new String(codec.encode(new Envelope("5000", ID, new Message.Inv(List.of(H), List.of()))),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"INV\"", "\"sender_id\":\"5000\"", "\"message_id\":\"" + ID + "\"",
                "\"block_ids\":[\"" + H + "\"]");
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
        String json = "{\"type\":\"GET_LATEST_BLOCK\",\"sender_id\":\"9\",\"message_id\":\"" + ID
                + "\",\"current_height\":4,\"colour\":\"blue\",\"nested\":{\"x\":[1,2]}}";
        assertThat(decode(json)).isEqualTo(new DecodeResult.Decoded(new Envelope("9", ID, new Message.GetLatestBlock(4))));
    }

    @Test
    void theSeedsFloatGoodbyeTimestampIsAccepted() {
        String json = "{\"type\":\"GOODBYE\",\"sender_id\":\"5\",\"message_id\":\"" + ID
                + "\",\"reason\":\"bye\",\"pending_transactions\":[],\"has_more_transactions\":false,"
                + "\"timestamp\":1700000000.25}";
        DecodeResult r = decode(json);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        Message.Goodbye g = (Message.Goodbye) ((DecodeResult.Decoded) r).envelope().body();
        assertThat(g.timestamp()).isEqualTo(1_700_000_000_250L);
    }

    static Stream<Arguments> malformed() {
        String head = "\"sender_id\":\"7\",\"message_id\":\"" + ID + "\"";
        String tooMany = String.join(",", Collections.nCopies(501, "\"" + H + "\""));
        return Stream.of(
                Arguments.of("{\"type\":\"NOPE\"," + head + "}", "unknown message type"),
                Arguments.of("{\"type\":\"PING\"," + head + "}", "timestamp is missing"),
                Arguments.of("{\"type\":\"PING\"," + head + ",\"timestamp\":\"soon\"}", "timestamp must be an integer"),
                Arguments.of("{\"type\":\"PING\"," + head + ",\"timestamp\":-1}", "timestamp -1 is outside"),
                // a field present but null is not "missing"; an integer beyond any range is out of range, not "not an integer"
                Arguments.of("{\"type\":null," + head + "}", "type is null"),
                Arguments.of("{\"type\":\"PING\"," + head + ",\"timestamp\":10000000000000000000000000000000000000000}",
                        "timestamp 10000000000000000000000000000000000000000 is outside 0..9223372036854775807"),
                Arguments.of("{\"type\":\"GOODBYE\"," + head + ",\"reason\":\"x\",\"pending_transactions\":[],"
                        + "\"has_more_transactions\":false,\"timestamp\":10000000000000000000000000000000000000000}",
                        "timestamp 10000000000000000000000000000000000000000 is outside"),
                Arguments.of("{\"type\":\"PING\",\"sender_id\":7,\"message_id\":\"" + ID + "\",\"timestamp\":1}",
                        "sender_id must be a string"),
                Arguments.of("{\"type\":\"PING\",\"sender_id\":\"7\",\"message_id\":\"xyz\",\"timestamp\":1}",
                        "message_id must be 32 hex"),
                Arguments.of("{\"type\":\"TX\"," + head + ",\"tx\":\"zz\"}", "tx is not a valid transaction"),
                Arguments.of("{\"type\":\"TX\"," + head + ",\"tx\":\"0100\"}", "tx is not a valid transaction"),
                Arguments.of("{\"type\":\"TX\"," + head + ",\"tx\":12}", "tx must be a string"),
                Arguments.of("{\"type\":\"BLOCK\"," + head + ",\"block\":\"" + TX.toHex() + "\"}",
                        "block is not a valid block"),
                Arguments.of("{\"type\":\"INV\"," + head + ",\"block_ids\":[" + tooMany + "]}", "more than 500"),
                Arguments.of("{\"type\":\"INV\"," + head + ",\"block_ids\":[\"abc\"]}", "block_ids[0] must be 64 hex"),
                Arguments.of("{\"type\":\"INV\"," + head + ",\"block_ids\":\"" + H + "\"}", "block_ids must be a list"),
                Arguments.of("{\"type\":\"GET_BLOCK_HEADERS\"," + head + ",\"start_height\":5,\"end_height\":4}",
                        "end_height 4 is below start_height 5"),
                Arguments.of("{\"type\":\"HELLO\"," + head + ",\"ip\":\"1.2.3.4\",\"port\":70000,\"flags\":{},"
                        + "\"genesis\":\"" + H + "\",\"height\":0}", "port 70000 is outside"),
                Arguments.of("{\"type\":\"HELLO\"," + head + ",\"ip\":\"1.2.3.4\",\"port\":1,\"flags\":{\"nat\":\"yes\"},"
                        + "\"genesis\":\"" + H + "\",\"height\":0}", "flags.nat must be true or false"),
                Arguments.of("{\"type\":\"MEMPOOL_DATA\"," + head + ",\"transactions\":[],\"batch\":3,"
                        + "\"total_batches\":2}", "batch 3 is outside 1..2"),
                Arguments.of("{\"type\":\"RELAY\"," + head + ",\"target_id\":\"9\",\"payload\":{\"type\":\"RELAY\","
                        + head + ",\"target_id\":\"9\",\"payload\":{}}}", "may not itself be a RELAY"),
                Arguments.of("{\"type\":\"RELAY\"," + head + ",\"target_id\":\"9\",\"payload\":{\"type\":\"PING\","
                        + head + "}}", "payload: timestamp is missing"),
                Arguments.of("{\"type\":\"PEERS_LIST\"," + head + ",\"peers\":{\"9\":{\"ip\":\"h\",\"port\":-2}}}",
                        "peers.9.port -2 is outside"),
                // a LATEST_BLOCK must agree with itself: its header hashes to its hash, at its height
                Arguments.of("{\"type\":\"LATEST_BLOCK\"," + head + ",\"height\":999999,\"hash\":\"" + "ab".repeat(32)
                        + "\",\"header\":\"" + "00".repeat(84) + "\"}", "header hashes to "),
                Arguments.of("{\"type\":\"LATEST_BLOCK\"," + head + ",\"height\":1,\"hash\":\"" + H + "\",\"header\":\""
                        + BLOCK.header().toHex() + "\"}", "header is at height 0, not at height 1"),
                // an address that names no host would be stored, listed to others and dialled by them
                Arguments.of("{\"type\":\"HELLO\"," + head + ",\"ip\":\"not an ip!\",\"port\":1,\"flags\":{},"
                        + "\"genesis\":\"" + H + "\",\"height\":0}", "ip 'not an ip!' is not an IP address or host name"),
                Arguments.of("{\"type\":\"NEW_PEER\"," + head + ",\"new_peer_id\":\"9\",\"new_peer_ip\":\"300.1.1.1\","
                        + "\"new_peer_port\":1,\"new_peer_flags\":{}}",
                        "new_peer_ip '300.1.1.1' is not an IP address or host name"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void badFieldsAreMalformedWithTheFieldNamed(String json, String reason) {
        DecodeResult r = decode(json);
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        DecodeResult.Malformed m = (DecodeResult.Malformed) r;
        assertThat(m.reason()).contains(reason);
        assertThat(m.notJson()).isFalse();
    }

    @Test
    void aPeerListEntryWhoseIpNamesNoHostIsSkippedAndTheRestKept() {
        DecodeResult r = decode("{\"type\":\"PEERS_LIST\",\"sender_id\":\"7\",\"message_id\":\"" + ID + "\",\"peers\":{"
                + "\"a\":{\"ip\":\"bad\\nhost\",\"port\":1,\"status\":\"ALIVE\"},"
                + "\"b\":{\"ip\":\"node-b.example\",\"port\":2,\"status\":\"ALIVE\"},"
                + "\"c\":{\"ip\":\"[::1]\",\"port\":3}}}");
        Message.PeersList list = (Message.PeersList) ((DecodeResult.Decoded) r).envelope().body();
        assertThat(list.peers()).containsOnlyKeys("b", "c");
        assertThat(list.peers().get("c").status()).as("no status: told apart from any status").isEmpty();
        // the text a peer chose reaches the log without its control characters
        assertThat(list.skipped()).containsExactly("peers.a.ip 'bad?host' is not an IP address or host name");
    }

    /** An id goes into every log line about its node: a line break in it would forge log lines. */
    @Test
    void aNodeIdWithAControlCharacterIsMalformedWhereverItStands() {
        String forged = "5000\\n12:00:00 WARN forged";
        DecodeResult sender = decode("{\"type\":\"GET_PEERS\",\"sender_id\":\"" + forged + "\",\"message_id\":\"" + ID + "\"}");
        assertThat(((DecodeResult.Malformed) sender).reason()).isEqualTo("sender_id contains a control character");
        assertThat(((DecodeResult.Malformed) sender).senderId()).as("not repeated into the log").isEmpty();
        DecodeResult newPeer = decode("{\"type\":\"NEW_PEER\",\"sender_id\":\"5000\",\"message_id\":\"" + ID
                + "\",\"new_peer_id\":\"a\\u2028b\",\"new_peer_ip\":\"127.0.0.1\",\"new_peer_port\":5001,"
                + "\"new_peer_flags\":{\"nat\":false,\"light\":false,\"new_node\":false}}");
        assertThat(((DecodeResult.Malformed) newPeer).reason()).isEqualTo("new_peer_id contains a control character");
        DecodeResult list = decode("{\"type\":\"PEERS_LIST\",\"sender_id\":\"5000\",\"message_id\":\"" + ID
                + "\",\"peers\":{\"x\\ty\":{\"ip\":\"127.0.0.1\",\"port\":1,\"flags\":{},\"status\":\"ALIVE\"}}}");
        assertThat(list).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(Envelope.isNodeId("pyE_19")).isTrue();
        assertThat(Envelope.isNodeId("node ü 1")).isTrue();
    }

    /** An optional field given as null reads as absent, RELAY's hops_left too (it alone was malformed). */
    @Test
    void aNullHopsLeftReadsAsAbsent() {
        DecodeResult r = decode("{\"type\":\"RELAY\",\"sender_id\":\"5000\",\"message_id\":\"" + ID
                + "\",\"target_id\":\"5010\",\"hops_left\":null,\"payload\":{\"type\":\"GET_PEERS\",\"sender_id\":\"5000\","
                + "\"message_id\":\"" + ID.replace('a', 'b') + "\"}}");
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((Message.Relay) ((DecodeResult.Decoded) r).envelope().body()).hopsLeft()).isEqualTo(2);
    }

    @Test
    void aMalformedMessageStillNamesItsSender() {
        DecodeResult r = decode("{\"type\":\"TX\",\"sender_id\":\"5000\",\"message_id\":\"" + ID + "\",\"tx\":\"00\"}");
        assertThat(((DecodeResult.Malformed) r).senderId()).isEqualTo("5000");
    }

    @Test
    void bytesThatAreNotOneJsonObjectAreABadFrame() {
        for (byte[] frame : List.of("not json".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(StandardCharsets.UTF_8),
                "{\"a\":1} {\"b\":2}".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, '{'},
                "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), new byte[0])) {
            DecodeResult r = codec.decode(frame);
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
            assertThat(((DecodeResult.Malformed) r).notJson()).isTrue();
        }
    }

    @Test
    void aFrameThatIsNotJsonIsExplainedInFlintsWordsWithWhereItWentWrong() {
        String deep = "{\"type\":\"PING\",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}";
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("PING", "the frame is not valid JSON at byte offset 0 (unexpected 'PING')");
        reasons.put("{\"a\":tru}", "the frame is not valid JSON at byte offset 5 (unexpected 'tru')");
        reasons.put("{\"type\":\"PING\" \"x\":1}", "the frame is not valid JSON at byte offset 15 (unexpected '\"')");
        reasons.put("{\"a\":1,\"a\":2}", "the frame is not valid JSON at byte offset 10 (duplicate key 'a')");
        reasons.put("{\"a\":", "the frame is not valid JSON at byte offset 5 (it ends inside a value)");
        reasons.put("{\"a\":\"x\ny\"}", "the frame is not valid JSON at byte offset 7 (unexpected byte 0x0a)");
        reasons.put("{\"a\":1} {\"b\":2}", "trailing data after the JSON object at byte offset 8");
        reasons.put(deep, "JSON nesting deeper than 16");
        reasons.forEach((frame, reason) -> {
            DecodeResult.Malformed m = (DecodeResult.Malformed) decode(frame);
            assertThat(m.notJson()).as(frame).isTrue();
            assertThat(m.reason()).as(frame).isEqualTo(reason);
        });
    }

    @Test
    void deeplyNestedJunkIsRejectedWithoutAnException() {
        String deep = "{\"type\":\"PING\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(decode(deep)).isInstanceOf(DecodeResult.Malformed.class);
    }

    private DecodeResult decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
