package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Wif;
import org.junit.jupiter.api.Test;

class KeyCommandTest {
    @Test
    void newKeyPrintsAWifWhoseAddressMatches() throws Exception {
        CliRun run = CliRun.of("key", "new", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        Wif.Decoded decoded = Wif.decode(json.get("wif").asText());
        assertThat(decoded.network()).isEqualTo(AddressVersion.MAIN);
        assertThat(decoded.key().compressed()).isTrue();
        assertThat(json.get("address").asText())
                .isEqualTo(decoded.key().publicKey().toAddress(AddressVersion.MAIN).toString())
                .startsWith("1");
        assertThat(Address.parse(json.get("address").asText()).hash160()).hasSize(20);
    }

    @Test
    void twoNewKeysDiffer() {
        assertThat(CliRun.of("key", "new").out()).isNotEqualTo(CliRun.of("key", "new").out());
    }

    @Test
    void compressedWifGivesTheCompressedKeysAddress() {
        // the Bitcoin wiki's example secret 0C28FCA3...AA1D in its compressed WIF form
        CliRun run = CliRun.of("key", "address", "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("address:    1LoVGDgRs9hTfTNJNuXKSpywcbdvwRXpmK");
    }

    @Test
    void uncompressedWifGivesTheUncompressedKeysAddress() {
        // Bitcoin wiki's WIF example: secret 0C28FCA3...D, uncompressed, address 1GAehh7TsJAHuUAeKZcXf5CnwuGuGgyX2S
        CliRun run = CliRun.of("key", "address", "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1GAehh7TsJAHuUAeKZcXf5CnwuGuGgyX2S");
    }

    @Test
    void badWifIsAOneLineUsageError() {
        CliRun run = CliRun.of("key", "address", "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTX");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.oneLineError()).isTrue();
        assertThat(run.err()).contains("not a valid WIF private key").contains("checksum");
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun run = CliRun.of("key", "address");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required parameter");
    }
}
