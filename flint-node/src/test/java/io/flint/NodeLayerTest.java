package io.flint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node module's layers point down only (ARCHITECTURE.md, "Layers"): the chain knows no
 * peers, the protocol engine is sans-I/O (no sockets, no Netty, no HTTP), transports decide no
 * protocol beyond the port they implement, and only {@code node} wires everything together.
 */
class NodeLayerTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flint");
    }

    @Test
    void chainKnowsNoPeersPoolsOrWiring() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.flint.chain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.flint.mempool..", "io.flint.mining..", "io.flint.wallet..", "io.flint.p2p..",
                        "io.flint.net..", "io.flint.node..", "io.flint.api..")
                .because("a block may arrive from anywhere; the chain must not care from where");
        rule.check(classes);
    }

    @Test
    void poolMinerAndWalletOpenNoSockets() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.flint.mempool..", "io.flint.mining..", "io.flint.wallet..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.flint.p2p..", "io.flint.net..", "io.flint.node..", "io.flint.api..",
                        "java.net..", "io.netty..", "io.javalin..")
                .because("they sit below the network and the wiring");
        rule.check(classes);
    }

    @Test
    void protocolEngineIsSansIo() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.flint.p2p..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.flint.net..", "io.flint.node..", "io.flint.api..",
                        "java.net..", "java.nio.channels..", "io.netty..", "io.javalin..", "org.rocksdb..")
                .because("the engine is driven by onMessage/onTick and sends through the Transport port only");
        rule.check(classes);
    }

    @Test
    void transportsDoNotReachIntoTheNodeOrApi() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.flint.net..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.flint.chain..", "io.flint.mempool..", "io.flint.mining..", "io.flint.wallet..",
                        "io.flint.node..", "io.flint.api..")
                .because("a transport moves frames; it decides no protocol and holds no chain");
        rule.check(classes);
    }

    @Test
    void onlyTheWiringAndApiSeeTheHttpServer() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("io.flint.api..", "io.flint.node..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "io.micrometer.prometheusmetrics..")
                .because("HTTP is an adapter on top, not a dependency of the layers below");
        rule.check(classes);
    }
}
