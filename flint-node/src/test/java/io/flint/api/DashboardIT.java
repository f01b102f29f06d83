package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flint.api.ApiNode.Response;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.PrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard of a running network of three full nodes and a light one (real nodes over TCP in
 * this JVM, regtest, API on free ports) in headless Chromium: the peers are in the graph, a block mined elsewhere
 * appears without a reload, the explorer finds a transaction by its txid. Screenshots go to
 * target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    ApiNode a;
    ApiNode b;
    ApiNode c;
    ApiNode delta;
    ApiNode echo;
    ApiNode foxtrot;
    Browser browser;
    String txid;

    @BeforeAll
    void start(@TempDir Path dir) {
        browser = Browser.start(1600, 1700);
        // any free HTTP ports, announced in HELLO once bound: the network view finds the other nodes' APIs through them
        a = new ApiNode("alpha", dir.resolve("a"), ApiOptions.DEFAULTS, List.of(), 0);
        b = new ApiNode("bravo", dir.resolve("b"), ApiOptions.DEFAULTS, List.of(a.asPeer()), 0);
        c = new ApiNode("charlie", dir.resolve("c"), ApiOptions.DEFAULTS, List.of(a.asPeer(), b.asPeer()), 0);
        // and a light node (headers only) that knows alpha alone
        delta = new ApiNode("delta", dir.resolve("d"), ApiOptions.DEFAULTS, List.of(a.asPeer()), 0,
                settings -> settings.light = true);
        await().atMost(WAIT).until(() -> alive(a) == 3 && alive(b) == 2 && alive(c) == 2 && alive(delta) == 1);
        a.mine(11);
        // a payment waits in the pools: something for the pool table and the explorer
        String to = PrivateKey.generate(new SecureRandom()).publicKey().toAddress(AddressVersion.MAIN).toString();
        Response paid = a.post("/wallet/send", "{\"address\":\"" + to + "\",\"amount\":\"3.25\"}");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        txid = paid.json().path("txid").asText();
        await().atMost(WAIT).until(() -> b.node.chain().height() == 11 && c.node.chain().height() == 11
                && b.node.mempool().size() == 1);
    }

    private static long alive(ApiNode n) {
        JsonNode peers = n.get("/peers").json();
        long alive = 0;
        for (JsonNode p : peers) {
            alive += "ALIVE".equals(p.path("status").asText()) ? 1 : 0;
        }
        return alive;
    }

    @AfterAll
    void stop() {
        for (AutoCloseable x : new AutoCloseable[] {browser, foxtrot, echo, delta, c, b, a}) {
            try {
                if (x != null) {
                    x.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    @Order(1)
    void theGraphShowsThePeersAndTheTableTheirState() {
        browser.driver.get(a.api.url() + "/");

        Object ids = browser.waitFor("the graph to show bravo, charlie and delta", WAIT,
                d -> {
                    Object v = browser.js("return window.flint && window.flint.graph.peerIds();");
                    return List.of("bravo", "charlie", "delta").equals(v) ? v : null;
                });
        assertThat(ids).isEqualTo(List.of("bravo", "charlie", "delta"));
        // the light peer is drawn apart
        assertThat(browser.js("return window.flint.graph.cy.getElementById('delta').hasClass('light');")).isEqualTo(true);
        assertThat(browser.js("return window.flint.graph.cy.getElementById('bravo').hasClass('light');")).isEqualTo(false);
        browser.waitFor("the three peers ALIVE in the table", WAIT, d ->
                d.findElements(By.cssSelector("#peers tr[data-peer-id] .status.ALIVE")).size() == 3);
        // each peer's role as its own /status gives it, the words /network uses
        browser.waitFor("the peers' roles from their /status", WAIT, d ->
                role(d, "#peers tr[data-peer-id='bravo']").equals("full")
                        && role(d, "#peers tr[data-peer-id='delta']").equals("light")
                        && d.findElement(By.cssSelector("#peers tr[data-peer-id='bravo'] .tag.role")).getAttribute("title")
                                .equals("bravo's role, from its /status"));
        assertThat(browser.driver.findElement(By.id("node-id")).getText()).isEqualTo("alpha");
        browser.waitFor("the chain at height 11", WAIT, d ->
                !d.findElements(By.cssSelector("#blocks li[data-height='11']")).isEmpty());
        browser.waitFor("the payment in the pool table", WAIT, d ->
                !d.findElements(By.cssSelector("#pool tr[data-txid='" + txid + "']")).isEmpty());
    }

    /** The role a table row shows (its role cell's data-role), "" while it has none. */
    private static String role(org.openqa.selenium.WebDriver d, String row) {
        return d.findElements(By.cssSelector(row + " td.role")).stream().map(e -> e.getAttribute("data-role"))
                .findFirst().orElse("");
    }

    @Test
    @Order(2)
    void aMaliciousPeerEndsOnTheBlacklist(@TempDir Path dir) {
        // it forges blocks and transactions every few seconds: alpha bans it at the third offence
        echo = new ApiNode("echo", dir, ApiOptions.DEFAULTS, List.of(a.asPeer()), 0, settings -> settings.malicious = true);

        WebElement ban = browser.waitFor("echo on alpha's blacklist", Duration.ofSeconds(60), d ->
                d.findElements(By.cssSelector("#blacklist tr[data-peer-id='echo']")).stream().findFirst().orElse(null));
        assertThat(ban.getText()).containsPattern("invalid (block|transaction)");
        browser.waitFor("the ban in the activity feed", WAIT, d -> d.findElements(By.cssSelector("#activity .k-ban")).size() == 1);
        // banned peers leave the peer table and the graph
        browser.waitFor("echo gone from the graph", WAIT, d -> List.of("bravo", "charlie", "delta").equals(
                browser.js("return window.flint.graph.peerIds();")));
        echo.close();
        echo = null;
    }

    @Test
    @Order(3)
    void aBlockMinedByAnotherNodeAppearsWithoutReload() throws Exception {
        browser.waitFor("the live stream open", WAIT, d ->
                d.findElement(By.id("live")).getAttribute("class").contains("open"));
        browser.js("window.__sameDocument = true;");

        JsonNode mined = b.mine(null);
        long height = mined.path("height").asLong();
        String hash = mined.path("hash").asText();

        WebElement block = browser.waitFor("block " + height + " on alpha's page", WAIT, d ->
                d.findElements(By.cssSelector("#blocks li[data-hash='" + hash + "']")).stream().findFirst().orElse(null));
        assertThat(block.getAttribute("data-height")).isEqualTo(String.valueOf(height));
        assertThat(browser.js("return window.__sameDocument === true;")).isEqualTo(true);
        browser.waitFor("the height tile at " + height, WAIT, d ->
                d.findElement(By.id("stat-height")).getText().equals(String.valueOf(height)));
        // the payment was mined into it: the pool empties
        browser.waitFor("the pool table empty", WAIT, d ->
                d.findElements(By.cssSelector("#pool tr[data-txid]")).isEmpty());
        browser.waitFor("the latency chart to have drawn a point", WAIT, d -> Boolean.TRUE.equals(browser.js(
                "return Chart.getChart('latency-chart').data.labels.length > 0;")));
        Path shot = browser.screenshot("dashboard");
        assertThat(Files.size(shot)).isGreaterThan(20_000);
    }

    @Test
    @Order(4)
    void theExplorerFindsATransactionByTxid() throws Exception {
        WebElement search = browser.driver.findElement(By.id("search-input"));
        search.clear();
        search.sendKeys(txid, Keys.ENTER);

        WebElement page = browser.waitFor("the transaction page", WAIT, d ->
                d.findElements(By.id("tx-page")).stream().findFirst().orElse(null));
        assertThat(page.getAttribute("data-txid")).isEqualTo(txid);
        assertThat(page.getAttribute("data-status")).isEqualTo("confirmed");
        assertThat(browser.driver.findElement(By.id("page")).getText()).contains("3.25");
        browser.screenshot("transaction");

        // and a block by its height, from the same box
        search = browser.driver.findElement(By.id("search-input"));
        search.clear();
        search.sendKeys("5", Keys.ENTER);
        WebElement blockPage = browser.waitFor("block 5", WAIT, d ->
                d.findElements(By.cssSelector("#block-page[data-height='5']")).stream().findFirst().orElse(null));
        assertThat(blockPage.getAttribute("data-hash")).isEqualTo(a.get("/blocks/5").json().path("hash").asText());
        long tipHeight = a.node.chain().height();
        assertThat(browser.driver.findElement(By.id("block-confirmations")).getText())
                .isEqualTo((tipHeight - 4) + " confirmations");
        // the tip has one confirmation, not "1 confirmations"
        browser.js("location.hash = arguments[0];", "#/block/" + tipHeight);
        browser.waitFor("the tip's page", WAIT, d ->
                !d.findElements(By.cssSelector("#block-page[data-height='" + tipHeight + "']")).isEmpty());
        assertThat(browser.driver.findElement(By.id("block-confirmations")).getText()).isEqualTo("1 confirmation");

        search = browser.driver.findElement(By.id("search-input"));
        search.clear();
        search.sendKeys("not-a-thing", Keys.ENTER);
        WebElement error = browser.waitFor("an explanation", WAIT, d ->
                d.findElements(By.id("page-error")).stream().findFirst().orElse(null));
        assertThat(error.getText()).contains("not a height");
        assertThat(browser.driver.findElement(By.cssSelector("#page h1")).getText()).isEqualTo("Not a valid id");

        // an id the node cannot read (400) is not one it lacks (404): the page gives the node's reason
        for (String[] c : new String[][] {{"#/block/not-a-hash", "/blocks/not-a-hash"}, {"#/tx/abc", "/tx/abc"}}) {
            Response refused = a.get(c[1]);
            assertThat(refused.status()).as(c[1]).isEqualTo(400);
            browser.js("location.hash = arguments[0];", c[0]);
            browser.waitFor("the node's reason for " + c[0], WAIT, d -> d.findElements(By.id("page-error")).stream()
                    .filter(e -> e.getText().equals(refused.reason())).findFirst().orElse(null));
            assertThat(browser.driver.findElement(By.cssSelector("#page h1")).getText()).as(c[0]).isEqualTo("Not a valid id");
        }
        // and one it lacks is still "Not found"
        browser.js("location.hash = arguments[0];", "#/block/" + "00".repeat(32));
        browser.waitFor("not found", WAIT, d -> d.findElements(By.cssSelector("#page h1")).stream()
                .filter(e -> e.getText().equals("Not found")).findFirst().orElse(null));
        browser.js("location.hash = '';");
    }

    @Test
    @Order(5)
    void aLightNodesTilesShowItsHeaderChain() {
        browser.driver.get(delta.api.url() + "/");
        JsonNode tip = a.get("/blocks/" + a.node.chain().height()).json();
        browser.waitFor("delta's height tile at its header height", WAIT, d ->
                d.findElement(By.id("stat-height")).getText().equals(tip.path("height").asText()));
        // the tip header's difficulty and age, not those of the genesis block (its only block)
        assertThat(browser.driver.findElement(By.id("stat-difficulty")).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", tip.path("difficulty_bits").asDouble()));
        assertThat(browser.driver.findElement(By.id("stat-tip-age")).getText()).doesNotContain("d ago");

        // its chain panel: the header chain it keeps, said plainly, not the genesis block its /blocks knows
        String tipHash = tip.path("hash").asText();
        browser.waitFor("delta's header tip in the chain panel", WAIT, d -> !d.findElements(By.cssSelector(
                "#blocks li.header[data-height='" + tip.path("height").asText() + "'][data-hash='" + tipHash + "']")).isEmpty());
        assertThat(browser.driver.findElement(By.id("chain-note")).getText()).contains("light node keeps block headers only");
        assertThat(browser.driver.findElements(By.cssSelector("#blocks li[data-height='0']"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("chain-hint")).getText()).startsWith("headers only");
        // its pool panel: why there is none, in the node's words
        Response refused = delta.get("/transactions");
        assertThat(refused.status()).isEqualTo(409);
        WebElement noPool = browser.waitFor("the pool panel saying there is no pool", WAIT, d ->
                d.findElements(By.id("pool-refused")).stream().findFirst().orElse(null));
        assertThat(noPool.getText()).contains("A light node keeps no transaction pool").contains(refused.reason());
        assertThat(browser.driver.findElement(By.id("stat-pool-bytes")).getText()).isEqualTo("no pool: light node");
        browser.screenshot("light-node");
        browser.driver.get(a.api.url() + "/");
    }

    @Test
    @Order(6)
    void theNetworkViewShowsEveryNodeConvergingAndWhoHadTheLatestBlockWhen() {
        // delta's answers are held back: until they come the page gives no verdict on delta
        try (Browser.Interception held = browser.interceptFetch(delta.url() + "/", false)) {
            browser.driver.get(a.api.url() + "/network");
        }
        browser.waitFor("the three other nodes read, delta still being read", WAIT, d ->
                d.findElements(By.cssSelector("#nodes tr[data-tip]")).size() == 3
                        && !d.findElements(By.cssSelector("#nodes tr.reading[data-node='delta']")).isEmpty());
        assertThat(browser.driver.findElement(By.id("convergence")).getText()).isEqualTo("reading 1 node…");
        assertThat(browser.driver.findElement(By.cssSelector("#nodes tr[data-node='delta']")).getText())
                .contains("reading").doesNotContain("not answering");
        assertThat(browser.driver.findElement(By.id("net-nodes-detail")).getText()).endsWith(" known · reading 1");
        browser.js("window.__flintRelease();");
        browser.waitFor("four nodes on one tip", WAIT, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#nodes tr[data-tip]"));
            return rows.size() == 4 && rows.stream().map(r -> r.getAttribute("data-tip")).distinct().count() == 1;
        });
        browser.waitFor("the convergence badge", WAIT, d ->
                d.findElement(By.id("convergence")).getText().startsWith("converged: all 4"));
        browser.waitFor("every node's event stream open", WAIT, d ->
                d.findElement(By.id("live")).getText().equals("4 of 4 streams"));

        String hash = c.mine(null).path("hash").asText();

        browser.waitFor("all four nodes (the light one by its header) in the propagation of the new block", WAIT, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#propagation .prop-row:not(.pending)"));
            return rows.size() == 4 && d.findElement(By.id("propagation")).getText().contains(hash.substring(0, 10));
        });
        // the miner had it first
        assertThat(browser.js("return document.querySelector('#propagation .prop-row').dataset.node;")).isEqualTo("charlie");
        assertThat(browser.js("return window.flintNetwork.nodes.size;")).isEqualTo(4L);
        browser.waitFor("the graph: four nodes, four links", WAIT, d -> Boolean.TRUE.equals(browser.js(
                "return document.getElementById('net-links').textContent === '4';")));
        browser.waitFor("the light node's header chain at the new height", WAIT, d ->
                !d.findElements(By.cssSelector("#nodes tr[data-node='delta'][data-tip='" + hash + "']")).isEmpty());
        assertThat(role(browser.driver, "#nodes tr[data-node='delta']")).isEqualTo("light");
        assertThat(role(browser.driver, "#nodes tr[data-node='bravo']")).isEqualTo("full");
        browser.screenshot("network");
    }

    @Test
    @Order(7)
    void aMinerIsAMinerOnTheDashboardAndTheNetworkView(@TempDir Path dir) {
        // a miner (one block, then none for an hour): its HELLO says "not light" only, its /status "miner"
        foxtrot = new ApiNode("foxtrot", dir, ApiOptions.DEFAULTS, List.of(a.asPeer()), 0, settings -> {
            settings.mine = true;
            settings.mineInterval = java.util.Optional.of(Duration.ofHours(1));
        });
        await().atMost(WAIT).until(() -> alive(foxtrot) >= 1);

        // where the page cannot read the peer's /status, it says what the HELLO says, and that it is all it knows
        try (Browser.Interception refused = browser.interceptFetch(foxtrot.url() + "/", true)) {
            browser.driver.get(a.api.url() + "/");
        }
        browser.waitFor("foxtrot in alpha's peer table as its HELLO has it", WAIT, d ->
                role(d, "#peers tr[data-peer-id='foxtrot']").equals("full"));
        assertThat(browser.driver.findElement(By.cssSelector("#peers tr[data-peer-id='foxtrot'] .tag.role")).getAttribute("title"))
                .contains("HELLO").contains("could not read");

        browser.driver.get(a.api.url() + "/");
        browser.waitFor("foxtrot a miner in alpha's peer table", WAIT, d ->
                role(d, "#peers tr[data-peer-id='foxtrot']").equals("miner"));
        assertThat(role(browser.driver, "#peers tr[data-peer-id='bravo']")).isEqualTo("full");

        browser.driver.get(a.api.url() + "/network");
        browser.waitFor("foxtrot a miner on the network view", WAIT, d ->
                role(d, "#nodes tr[data-node='foxtrot']").equals("miner"));
    }

    /**
     * The network view's convergence verdict leaves malicious nodes out: their peers ban them, so
     * they fall behind, and a whole demo read "2 tips" while every honest node agreed. Asked of
     * the page's own verdict function in the browser, for answering nodes as the page gathers them.
     */
    @Test
    @Order(8)
    void theConvergenceVerdictLeavesMaliciousNodesOutAndSaysWhereTheyAre() {
        browser.driver.get(a.api.url() + "/network");
        String tipA = "0000" + "a".repeat(52) + "1111aaaa";
        String tipB = "0000" + "b".repeat(52) + "2222bbbb";
        String honestOnA = "{id:'5001',tip:'" + tipA + "',height:40,malicious:false},"
                + "{id:'5002',tip:'" + tipA + "',height:40,malicious:false}";
        String maliciousBehind = "{id:'5000',tip:'" + tipB + "',height:12,malicious:true}";

        assertThat(verdict("[" + honestOnA + "," + maliciousBehind + "]", 0))
                .isEqualTo("converged: all 2 honest on …1111aaaa · malicious 5000 elsewhere (height 12)");
        assertThat(verdict("[" + honestOnA + "]", 0)).isEqualTo("converged: all 2 on …1111aaaa");
        assertThat(verdict("[" + honestOnA + ",{id:'5000',tip:'" + tipA + "',height:40,malicious:true}]", 0))
                .as("a malicious node on the honest tip").isEqualTo("converged: all 3 on …1111aaaa");
        assertThat(verdict("[" + honestOnA + ",{id:'5003',tip:'" + tipB + "',height:41,malicious:false},"
                + maliciousBehind + "]", 0)).as("as many digits of a tip as the converged form").isEqualTo("2 tips among honest nodes: …1111aaaa ×2 · …2222bbbb ×1");
        assertThat(verdict("[" + honestOnA + "]", 1)).isEqualTo("reading 1 node…");
        assertThat(verdict("[]", 0)).isEqualTo("no node answers");
        // a known node that does not answer is named, so "all 2" does not read as the whole network
        assertThat(String.valueOf(browser.js("return window.flintNetwork.verdict([" + honestOnA + "," + maliciousBehind
                + "], 0, ['5005']).text;")))
                .isEqualTo("converged: all 2 honest on …1111aaaa · malicious 5000 elsewhere (height 12) · 5005 not answering");
    }

    /**
     * A block may be up to 2 h ahead of the clock (regtest mined at full speed gets there); the
     * dashboard said "0s ago" of every such block. Asked of the page's own function.
     */
    @Test
    @Order(8)
    void aTimeAheadOfTheClockReadsAsInSoLong() {
        browser.driver.get(a.api.url() + "/");
        browser.waitFor("the dashboard's script", WAIT, d -> Boolean.TRUE.equals(browser.js("return !!window.flint;")));
        long now = 1_800_000_000L;
        assertThat(ago(now - 192, now)).isEqualTo("3m 12s ago");
        assertThat(ago(now + 5, now)).as("seconds ahead: clock skew").isEqualTo("0s ago");
        assertThat(ago(now + 6780, now)).isEqualTo("in 1h 53m");
        assertThat(ago(now - 7200, now)).isEqualTo("2h 0m ago");
    }

    private String ago(long time, long now) {
        return String.valueOf(browser.js("return window.flint.ago(arguments[0], arguments[1]);", time, now));
    }

    /**
     * A node that left gracefully is forgotten by the network view once no honest node lists it:
     * the malicious node, which honest peers ban and so no GOODBYE reaches, still did, and the
     * view showed the leaver as "not answering" and "not yet" for every block (tester finding).
     */
    @Test
    @Order(8)
    void aNodeListedOnlyByAMaliciousNodeIsNotKeptOnTheNetworkView() {
        browser.driver.get(a.api.url() + "/network");
        Object listed = browser.js("return [...window.flintNetwork.listedIds(["
                + "{peers: ['5001', '5002'], malicious: false},"
                + "{peers: ['5000', '5003'], malicious: false},"
                + "{peers: ['5000', '5001', '5003', '5004'], malicious: true}])].sort();");
        assertThat(listed).asString().isEqualTo("[5000, 5001, 5002, 5003]");
    }

    private String verdict(String answering, int reading) {
        return String.valueOf(browser.js("return window.flintNetwork.verdict(" + answering + ", " + reading + ").text;"));
    }

    /**
     * A node killed under its own dashboard: the page keeps its last figures, greyed, and the top
     * bar says since when it does not answer, rather than looking alive with old numbers.
     */
    @Test
    @Order(9)
    void aDashboardWhoseNodeStopsAnsweringSaysSoAndGreysItsLastFigures() {
        assertThat(foxtrot).as("the miner of the test before").isNotNull();
        browser.driver.get(foxtrot.url() + "/");
        String height = Long.toString(foxtrot.node.chain().height());
        browser.waitFor("foxtrot's tiles", WAIT, d -> d.findElement(By.id("stat-height")).getText().equals(height));
        assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("class")).doesNotContain("node-down");

        foxtrot.close();
        foxtrot = null;
        browser.waitFor("the page saying the node does not answer", WAIT, d ->
                d.findElement(By.id("live")).getText().startsWith("node not answering since "));
        assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("class")).contains("node-down");
        assertThat(browser.driver.findElement(By.id("stat-height")).getText()).as("its last figures stay").isEqualTo(height);
        browser.screenshot("node-down");
    }

    /**
     * A node whose chain store lost a block while it was stopped: the start-up check finds it, and
     * the dashboard's sync tile says "store damaged" in red with the reason in its tooltip.
     */
    @Test
    @Order(10)
    void aDamagedStoreIsSaidOnTheSyncTile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("golf");
        io.flint.core.Hash tip;
        try (ApiNode golf = golf(data)) {
            golf.mine(3);
            tip = golf.node.chain().tip().hash();
        }
        try (io.flint.chain.store.RocksKeyValueStore store =
                io.flint.chain.store.RocksKeyValueStore.open(data.resolve("chain"))) {
            store.write(new io.flint.chain.store.StoreBatch().delete(io.flint.chain.store.Column.BLOCKS, tip.toBytes()));
        }
        try (ApiNode golf = golf(data)) {
            browser.driver.get(golf.url() + "/");
            browser.waitFor("the sync tile saying the store is damaged", WAIT, d ->
                    d.findElement(By.id("stat-sync")).getText().equals("store damaged"));
            assertThat(browser.driver.findElement(By.id("stat-sync")).getAttribute("class")).isEqualTo("bad");
            assertThat(browser.driver.findElement(By.id("stat-sync-detail")).getAttribute("title"))
                    .isEqualTo("block 3 (" + tip + ") is missing from the store");
            browser.screenshot("store-damaged");
        }
    }

    /**
     * A fork lab's walk, in a page opened after the reorganisation: "Orphans and forks" lists the
     * abandoned branch (from {@code GET /tips}) though the page never saw the block-disconnected
     * events; the branch tip's page says it has no child on the best chain, and the block below it
     * names it as its child on its side branch rather than "(tip)".
     */
    @Test
    @Order(11)
    void aPageOpenedAfterAReorganisationLeadsToTheAbandonedBlocks(@TempDir Path dir) {
        try (ApiNode hotel = new ApiNode("hotel", dir, ApiOptions.DEFAULTS, List.of(), 0)) {
            List<String> abandoned = reorganise(hotel);
            String low = abandoned.get(0);
            String tip = abandoned.get(1);
            browser.driver.get(hotel.url() + "/");
            WebElement branch = browser.waitFor("the abandoned branch in the forks list", WAIT, d -> d.findElements(
                    By.cssSelector("#forks li.branch[data-hash='" + tip + "']")).stream().findFirst().orElse(null));
            assertThat(branch.getAttribute("data-status")).isEqualTo("valid-fork");
            assertThat(branch.findElement(By.className("kind")).getText()).isEqualTo("valid-fork");
            assertThat(branch.getText()).endsWith("height 3 " + tip.substring(0, 12) + "…" + tip.substring(58)
                    + " · 2 blocks off the best chain since height 1");
            assertThat(browser.driver.findElements(By.cssSelector("#forks li"))).as("the branch alone: no orphan, "
                    + "and no stale block heard live").hasSize(1);
            browser.screenshot("forks-after-reorganisation");

            branch.findElement(By.tagName("a")).click();
            browser.waitFor("the abandoned branch's tip", WAIT, d -> !d.findElements(
                    By.cssSelector("#block-page[data-hash='" + tip + "']")).isEmpty());
            assertThat(browser.driver.findElement(By.id("block-next")).getText()).isEqualTo("(no child on the best chain)");

            browser.js("location.hash = arguments[0];", "#/block/" + low);
            WebElement next = browser.waitFor("the block below it", WAIT, d -> d.findElements(
                    By.cssSelector("#block-page[data-hash='" + low + "']")).isEmpty() ? null
                    : d.findElement(By.id("block-next")));
            assertThat(next.getText()).isEqualTo(tip.substring(0, 16) + "…" + tip.substring(56) + " (on its side branch)");
            assertThat(next.findElement(By.tagName("a")).getAttribute("href")).endsWith("#/block/" + tip);
            browser.screenshot("abandoned-block");
            browser.js("location.hash = '';");
        }
    }

    /**
     * A page open while the node reorganises: the activity feed says which abandoned blocks this
     * node mined (their rewards are gone) and sums the reorganisation up in one line.
     */
    @Test
    @Order(12)
    void theActivityFeedSaysWhatAReorganisationTookFromThisMiner(@TempDir Path dir) {
        try (ApiNode india = new ApiNode("india", dir, ApiOptions.DEFAULTS, List.of(), 0)) {
            browser.driver.get(india.url() + "/");
            browser.waitFor("the live stream", WAIT, d -> d.findElement(By.cssSelector("#live.open")));
            List<String> abandoned = reorganise(india);
            String tip = abandoned.get(1);
            WebElement reorg = browser.waitFor("the reorganisation in the activity feed", WAIT,
                    d -> d.findElements(By.cssSelector("#activity .k-reorg")).stream().findFirst().orElse(null));
            assertThat(reorg.findElement(By.xpath("..")).findElement(By.className("what")).getText())
                    .isEqualTo("reorganised at height 1: 2 off, 3 on");
            List<String> gone = browser.driver.findElements(By.cssSelector("#activity li")).stream()
                    .filter(li -> !li.findElements(By.cssSelector(".k-block-disconnected")).isEmpty())
                    .map(li -> li.findElement(By.className("what")).getText()).toList();
            assertThat(gone).contains("block 3 " + tip.substring(0, 10) + "…" + tip.substring(60)
                    + " left the best chain (mined here: reward lost)");
            browser.screenshot("activity-after-reorganisation");
        }
    }

    /**
     * Mines blocks 1 to 3 on {@code n}, then gives it a longer branch on block 1: blocks 2 and 3
     * are abandoned. Returns their hashes, lowest first.
     */
    private static List<String> reorganise(ApiNode n) {
        n.mine(3);
        List<String> abandoned = List.of(n.node.chain().blockAt(2).orElseThrow().hash().toString(),
                n.node.chain().blockAt(3).orElseThrow().hash().toString());
        for (io.flint.core.Block b : new io.flint.chain.TestChainBuilder(io.flint.core.NetworkParams.REGTEST)
                .extend(n.node.chain().blockAt(1).orElseThrow(), 3)) {
            n.node.loop().call(() -> n.node.chain().submitBlock(b), Duration.ofSeconds(10));
        }
        assertThat(n.node.chain().height()).isEqualTo(4);
        return abandoned;
    }

    private static ApiNode golf(Path data) {
        return new ApiNode("golf", data, ApiOptions.DEFAULTS, List.of(), 0, settings -> settings.inMemoryChain = false);
    }
}
