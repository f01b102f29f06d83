package io.flint;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bottom layers stay pure (ARCHITECTURE.md, "Layers"): {@code crypto} and {@code core} do no
 * I/O, start no threads and know nothing of the layers above them, and {@code crypto} knows
 * nothing of {@code core}. java.lang.invoke is allowed (the SHA-256 fast path needs it).
 */
class CoreLayerDependencyTest {
    private static final String[] BOTTOM = {"io.flint.crypto..", "io.flint.core.."};
    private static final String[] UPPER_LAYERS = {
        "io.flint.chain..", "io.flint.mempool..", "io.flint.mining..", "io.flint.wallet..", "io.flint.p2p..",
        "io.flint.net..", "io.flint.node..", "io.flint.api..", "io.flint.cli..", "io.flint.cluster..", "io.flint.sim.."
    };
    private static final Set<String> FILE_ACCESS = Set.of(
            "java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader",
            "java.io.FileWriter", "java.io.RandomAccessFile");
    private static final Set<String> THREADS = Set.of(
            "java.lang.Thread", "java.lang.ThreadGroup", "java.util.concurrent.Executors",
            "java.util.concurrent.ThreadFactory", "java.util.concurrent.ForkJoinPool",
            "java.util.concurrent.ForkJoinTask", "java.util.concurrent.CompletableFuture");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = MainClasses.in("io.flint");
    }

    @Test
    void noFileNetworkOrDatabaseAccess() {
        ArchRule rule = noClasses().that().resideInAnyPackage(BOTTOM)
                .should().dependOnClassesThat(describe("are java.io file classes", (JavaClass c) -> FILE_ACCESS.contains(c.getName())))
                .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..")
                .because("crypto and core are pure functions over values; I/O lives in chain, net and node");
        rule.check(classes);
    }

    @Test
    void noThreadsOrExecutors() {
        ArchRule rule = noClasses().that().resideInAnyPackage(BOTTOM)
                .should().dependOnClassesThat(describe("are threads or executors",
                        (JavaClass c) -> THREADS.contains(c.getName()) || c.isAssignableTo(Executor.class)))
                .because("threads are owned by the node layer (one event loop, worker pools)");
        rule.check(classes);
    }

    @Test
    void noUpperLayers() {
        noClasses().that().resideInAnyPackage(BOTTOM)
                .should().dependOnClassesThat().resideInAnyPackage(UPPER_LAYERS)
                .because("dependencies point down only")
                .check(classes);
    }

    @Test
    void cryptoDoesNotKnowCore() {
        noClasses().that().resideInAPackage("io.flint.crypto..")
                .should().dependOnClassesThat().resideInAPackage("io.flint.core..")
                .because("crypto is the bottom layer: hashes and keys know nothing of blocks or transactions")
                .check(classes);
    }
}
