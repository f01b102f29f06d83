package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /status}'s {@code role} names a node as {@code flint cluster ls} does, NAT included: the
 * network view shows it as it is, and a NATed full node is not shown as a plain {@code full} one.
 */
class NodeRoleTest {
    @Test
    void aNatedNodesRoleSaysNat(@TempDir Path dir) {
        try (ApiNode nated = new ApiNode("nated", dir, ApiOptions.DEFAULTS, List.of(), 0, s -> s.nat = true)) {
            assertThat(nated.get("/status").json().path("role").asText()).isEqualTo("full+nat");
        }
    }

    @Test
    void aNatedLightNodeIsBoth(@TempDir Path dir) {
        try (ApiNode nated = new ApiNode("nated-light", dir, ApiOptions.DEFAULTS, List.of(), 0, s -> {
            s.nat = true;
            s.light = true;
        })) {
            assertThat(nated.get("/status").json().path("role").asText()).isEqualTo("light+nat");
        }
    }
}
