package io.flint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node module's layers point down only (ARCHITECTURE.md, "Layers"): the chain knows no
 * peers, the protocol engine is sans-I/O (no sockets, no Netty, no HTTP), transports decide no
 * protocol beyond the port they implement, and only {@code node} and {@code api} see HTTP.
 */
class NodeLayerTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = MainClasses.in("io.flint");
    }

    @Test
    void chainKnowsNoPeersPoolsOrWiring() {
        forbid(List.of("io.flint.chain.."), "a block may arrive from anywhere; the chain must not care from where",
                "io.flint.mempool..", "io.flint.mining..", "io.flint.wallet..", "io.flint.p2p..", "io.flint.net..",
                "io.flint.node..", "io.flint.api..");
    }

    @Test
    void poolMinerAndWalletOpenNoSockets() {
        forbid(List.of("io.flint.mempool..", "io.flint.mining..", "io.flint.wallet.."),
                "they sit below the network and the wiring",
                "io.flint.p2p..", "io.flint.net..", "io.flint.node..", "io.flint.api..", "java.net..", "io.netty..",
                "io.javalin..");
    }

    @Test
    void protocolEngineIsSansIo() {
        forbid(List.of("io.flint.p2p.."),
                "the engine is driven by onMessage/onTick and sends through the Transport port only",
                "io.flint.net..", "io.flint.node..", "io.flint.api..", "java.net..", "java.nio.channels..",
                "io.netty..", "io.javalin..", "org.rocksdb..");
    }

    @Test
    void transportsDoNotReachIntoTheNodeOrApi() {
        forbid(List.of("io.flint.net.."), "a transport moves frames; it decides no protocol and holds no chain",
                "io.flint.chain..", "io.flint.mempool..", "io.flint.mining..", "io.flint.wallet..",
                "io.flint.node..", "io.flint.api..");
    }

    @Test
    void onlyTheWiringAndApiSeeTheHttpServer() {
        noClasses().that().resideOutsideOfPackages("io.flint.api..", "io.flint.node..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "io.micrometer.prometheusmetrics..")
                .because("HTTP is an adapter on top, not a dependency of the layers below")
                .check(classes);
    }

    private static void forbid(List<String> layer, String because, String... below) {
        noClasses().that().resideInAnyPackage(layer.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(below)
                .because(because)
                .check(classes);
    }
}
