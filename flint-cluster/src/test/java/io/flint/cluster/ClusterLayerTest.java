package io.flint.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.flint.MainClasses;
import io.flint.node.DataDirectory;
import org.junit.jupiter.api.Test;

/**
 * The node manager sees nodes from outside only: of the node's code it may use the config.json
 * types and the data-directory layout, nothing else (no chain, pool, engine or transport).
 */
class ClusterLayerTest {
    private static final JavaClasses CLUSTER = MainClasses.in("io.flint.cluster");

    @Test
    void theManagerUsesOnlyTheNodesConfigAndDataDirectory() {
        noClasses().that().resideInAPackage("io.flint.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flint.chain..", "io.flint.mempool..",
                        "io.flint.mining..", "io.flint.wallet..", "io.flint.p2p..", "io.flint.net..", "io.flint.api..",
                        "io.flint.core..", "io.flint.crypto..")
                .check(CLUSTER);
        noClasses().that().resideInAPackage("io.flint.cluster..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.flint.node")
                        .and(DescribedPredicate.not(JavaClass.Predicates.assignableTo(DataDirectory.class))))
                .check(CLUSTER);
    }
}
