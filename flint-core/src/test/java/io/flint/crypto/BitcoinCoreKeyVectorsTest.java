package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin Core's Base58, address and WIF vectors (src/test/data, MIT; see vectors/README.md).
 * Regtest, testnet4 and signet rows use the test versions (0x6f / 0xef).
 */
class BitcoinCoreKeyVectorsTest {

    @Test
    void base58EncodeDecodeEveryRow() {
        String file = "base58_encode_decode.json";
        int rows = 0;
        for (JsonNode row : Vectors.load(file)) {
            byte[] bytes = Hex.decode(row.get(0).asText());
            String text = row.get(1).asText();
            assertThat(Base58.encode(bytes)).as("encode %s", row).isEqualTo(text);
            assertThat(Base58.decode(text)).as("decode %s", row).isEqualTo(bytes);
            rows++;
        }
        Vectors.report(file, rows + " rows, " + rows + " passed (both directions)");
        assertThat(rows).isEqualTo(21);
    }

    @Test
    void keyIoValidP2pkhAndWifRowsBothDirections() {
        String file = "key_io_valid.json";
        int rows = 0;
        int p2pkh = 0;
        int wif = 0;
        int otherTypesRejected = 0;
        for (JsonNode row : Vectors.load(file)) {
            rows++;
            String text = row.get(0).asText();
            String payload = row.get(1).asText();
            JsonNode meta = row.get(2);
            AddressVersion network = meta.get("chain").asText().equals("main") ? AddressVersion.MAIN : AddressVersion.TEST;
            if (meta.get("isPrivkey").asBoolean()) {
                wif++;
                boolean compressed = meta.get("isCompressed").asBoolean();
                Wif.Decoded decoded = Wif.decode(text);
                assertThat(decoded.network()).as(text).isEqualTo(network);
                assertThat(Hex.encode(decoded.key().bytes())).as(text).isEqualTo(payload);
                assertThat(decoded.key().compressed()).as(text).isEqualTo(compressed);
                assertThat(Wif.encode(PrivateKey.of(Hex.decode(payload), compressed), network)).isEqualTo(text);
                assertThatThrownBy(() -> Address.parse(text)).as("WIF %s as address", text)
                        .isInstanceOf(IllegalArgumentException.class);
            } else if (payload.matches("^76a914[0-9a-f]{40}88ac$")) {
                p2pkh++;
                byte[] hash = Hex.decode(payload.substring(6, 46));
                Address parsed = Address.parse(text, network);
                assertThat(parsed.hash160()).as(text).isEqualTo(hash);
                assertThat(Address.p2pkh(hash, network).toString()).isEqualTo(text);
                assertThatThrownBy(() -> Wif.decode(text)).as("address %s as WIF", text)
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                // P2SH, bech32 and bech32m: other address types a P2PKH decoder refuses
                otherTypesRejected++;
                assertThatThrownBy(() -> Address.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
            }
        }
        Vectors.report(file, rows + " rows: " + p2pkh + " P2PKH and " + wif + " WIF passed both directions, "
                + otherTypesRejected + " other address types rejected");
        assertThat(p2pkh).isEqualTo(11);
        assertThat(wif).isEqualTo(16);
        assertThat(rows).isEqualTo(p2pkh + wif + otherTypesRejected);
    }

    @Test
    void keyIoInvalidEveryRowRejectedAsAddressAndAsWif() {
        String file = "key_io_invalid.json";
        List<String> accepted = new ArrayList<>();
        int rows = 0;
        for (JsonNode row : Vectors.load(file)) {
            rows++;
            String text = row.get(0).asText();
            if (parses(() -> Address.parse(text))) {
                accepted.add("address: " + text);
            }
            if (parses(() -> Wif.decode(text))) {
                accepted.add("WIF: " + text);
            }
        }
        Vectors.report(file, rows + " rows, " + (rows - accepted.size()) + " rejected as both address and WIF");
        assertThat(accepted).isEmpty();
        assertThat(rows).isEqualTo(70);
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException expected) {
            return false;
        }
    }
}
