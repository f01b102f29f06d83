package io.flint.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Hex;
import io.flint.crypto.PrivateKey;
import io.flint.crypto.PublicKey;
import io.flint.crypto.Wif;
import java.io.PrintWriter;
import java.security.SecureRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flint key new|address}: make a key, or show the address of one. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Key utilities: make a new secp256k1 key, or show the address of a WIF key.",
        subcommands = {KeyCommand.New.class, KeyCommand.AddressOf.class})
final class KeyCommand extends CommandGroup {
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Make a new private key (compressed public key) from the system's secure random source, "
                + "and print it in WIF with its public key and P2PKH address. Keep the WIF secret."})
    static final class New implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOutput json;

        @Override
        public void run() {
            PrivateKey key = PrivateKey.generate(new SecureRandom());
            print(spec.commandLine().getOut(), Wif.encode(key, AddressVersion.MAIN), key, AddressVersion.MAIN, json.on);
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Show the public key and P2PKH address of a private key given in WIF.")
    static final class AddressOf implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "WIF", description = "The private key in Wallet Import Format.")
        String wif;

        @Mixin
        JsonOutput json;

        @Override
        public void run() {
            Wif.Decoded decoded;
            try {
                decoded = Wif.decode(wif.strip());
            } catch (IllegalArgumentException e) {
                throw new UserError("not a valid WIF private key: " + e.getMessage(), ExitCodes.USAGE);
            }
            print(spec.commandLine().getOut(), wif.strip(), decoded.key(), decoded.network(), json.on);
        }
    }

    private static void print(PrintWriter out, String wif, PrivateKey key, AddressVersion network, boolean json) {
        PublicKey pub = key.publicKey();
        Address address = pub.toAddress(network);
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("wif", wif);
            node.put("public_key", Hex.encode(pub.bytes()));
            node.put("compressed", pub.compressed());
            node.put("address", address.toString());
            node.put("network", network.label());
            out.println(Json.pretty(node));
        } else {
            out.println("address:    " + address);
            out.println("public key: " + Hex.encode(pub.bytes()));
            out.println("wif:        " + wif);
        }
        out.flush();
    }
}
