package io.flint.p2p.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "::1", "[::1]", "fe80::1:2", "1:2:3:4:5:6:7:8",
            "::ffff:10.0.0.1", "[2001:db8::]", "localhost", "flint-0.flint", "node_1.compose", "example.com.",
            "a"})
    void addressesAndNamesAreHosts(String host) {
        assertThat(HostSyntax.isHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not an ip!", "300.1.1.1", "127.0.0.01", "1.2.3", "[1.2.3.4]", "1:2:3:4:5:6:7:8:9",
            "1::2::3", ":::", ":1::", "1::2:", "[zz::1]", "fe80::1%eth0", "-dash.example", "dash-.example", "a..b",
            ".", "host:80", "no/slash", "bad\nhost"})
    void anythingElseIsNot(String host) {
        assertThat(HostSyntax.isHost(host)).isFalse();
    }

    @Test
    void aNameIsAt253CharactersAndLabelsAt63() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, "a".repeat(61));
        assertThat(name).hasSize(253);
        assertThat(HostSyntax.isHost(name)).isTrue();
        assertThat(HostSyntax.isHost(name + "a")).isFalse();
        assertThat(HostSyntax.isHost("a".repeat(64) + ".example")).isFalse();
    }
}
