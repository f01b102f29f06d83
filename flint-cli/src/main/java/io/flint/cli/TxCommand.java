package io.flint.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flint.core.Amount;
import io.flint.core.DecodeException;
import io.flint.core.Transaction;
import io.flint.core.TxIn;
import io.flint.core.TxOut;
import io.flint.core.script.Script;
import io.flint.core.script.ScriptFlag;
import io.flint.core.script.ScriptInterpreter;
import io.flint.core.script.ScriptResult;
import io.flint.core.script.StandardScripts;
import io.flint.crypto.Address;
import io.flint.crypto.AddressVersion;
import io.flint.crypto.Hex;
import io.flint.crypto.Secp256k1Engines;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flint tx decode|verify}: read a raw transaction, check its signatures. */
@Command(name = "tx", mixinStandardHelpOptions = true,
        description = "Transaction utilities for raw transactions in Bitcoin's legacy serialization (hex).",
        subcommands = {TxCommand.Decode.class, TxCommand.Verify.class})
final class TxCommand extends CommandGroup {
    /** Parses hex into a transaction or fails with the position of the problem. */
    static Transaction parse(String hex) {
        byte[] bytes;
        try {
            bytes = Hex.decode(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError("transaction hex: " + e.getMessage(), ExitCodes.USAGE);
        }
        if (bytes.length == 0) {
            throw new UserError("transaction hex is empty", ExitCodes.USAGE);
        }
        try {
            return Transaction.parse(bytes);
        } catch (DecodeException e) {
            throw new UserError("not a valid transaction: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode a raw transaction and print it as JSON (txid, inputs, outputs, scripts, addresses).")
    static final class Decode implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "HEX", description = "The raw transaction in hex.")
        String hex;

        @Override
        public void run() {
            Transaction tx = parse(hex);
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.pretty(describe(tx)));
            out.flush();
        }
    }

    static ObjectNode describe(Transaction tx) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("txid", tx.txid().toString());
        node.put("version", tx.version());
        node.put("size", tx.size());
        node.put("locktime", tx.lockTime());
        node.put("coinbase", tx.isCoinbase());
        ArrayNode vin = node.putArray("vin");
        for (TxIn in : tx.inputs()) {
            ObjectNode i = vin.addObject();
            if (tx.isCoinbase()) {
                i.put("coinbase", in.scriptSig().toHex());
            } else {
                i.put("txid", in.prevout().txid().toString());
                i.put("vout", in.prevout().index());
                ObjectNode sig = i.putObject("scriptSig");
                sig.put("asm", in.scriptSig().toAsm());
                sig.put("hex", in.scriptSig().toHex());
            }
            i.put("sequence", in.sequence());
        }
        ArrayNode vout = node.putArray("vout");
        for (int n = 0; n < tx.outputs().size(); n++) {
            TxOut out = tx.output(n);
            ObjectNode o = vout.addObject();
            o.put("n", n);
            o.put("value", Amount.inMoneyRange(out.value()) ? out.amount().toCoinString() : "out of range");
            o.put("units", out.value());
            ObjectNode spk = o.putObject("scriptPubKey");
            spk.put("asm", out.scriptPubKey().toAsm());
            spk.put("hex", out.scriptPubKey().toHex());
            spk.put("type", StandardScripts.typeName(out.scriptPubKey()));
            StandardScripts.p2pkhHash(out.scriptPubKey())
                    .ifPresent(h -> spk.put("address", Address.p2pkh(h, AddressVersion.MAIN).toString()));
        }
        return node;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every input's signature script against the output it spends, under Flint's "
                + "consensus flags (strict DER, low S, strict encodings).",
                "Exit code 0: all verify; 1: one does not "
                + "(the reason on stderr); 2: the command line or the transaction cannot be read."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "HEX", description = "The raw transaction in hex.")
        String hex;

        @Option(names = "--spent", paramLabel = "SCRIPTPUBKEY_HEX[:UNITS]", required = true,
                description = "The scriptPubKey (hex) of the output each input spends, one --spent per input, in input "
                    + "order; optionally ':' and its value in units, shown beside that input's result (legacy "
                    + "signatures do not cover it, so it is not checked against them).")
        List<String> spent = new ArrayList<>();

        /** One --spent: the script the input must satisfy, and the value the user gave for it, if any. */
        private record Spent(Script script, Optional<Amount> value) {}

        @Override
        public Integer call() {
            Transaction tx = parse(hex);
            if (tx.isCoinbase()) {
                throw new UserError("a coinbase transaction spends no outputs; there is nothing to verify", ExitCodes.USAGE);
            }
            if (spent.size() != tx.inputs().size()) {
                throw new UserError("the transaction has " + tx.inputs().size() + " input(s) but " + spent.size()
                        + " --spent value(s) were given; give one per input, in order", ExitCodes.USAGE);
            }
            List<Spent> scripts = new ArrayList<>();
            for (int i = 0; i < spent.size(); i++) {
                scripts.add(parseSpent(i, spent.get(i)));
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failures = 0;
            for (int i = 0; i < scripts.size(); i++) {
                ScriptResult result = ScriptInterpreter.verifyInput(tx, i, scripts.get(i).script(), ScriptFlag.STANDARD,
                        Secp256k1Engines.best());
                String value = scripts.get(i).value()
                        .map(v -> " (spends " + v.toCoinString() + ", " + v.units() + " units)").orElse("");
                if (result.isOk()) {
                    out.println("input " + i + ": ok" + value);
                } else {
                    failures++;
                    out.println("input " + i + ": FAILED" + value);
                    err.println("flint tx verify: input " + i + " does not verify: " + result.message());
                }
            }
            out.println(failures == 0 ? "valid: all " + scripts.size() + " input(s) verify"
                    : "invalid: " + failures + " of " + scripts.size() + " input(s) do not verify");
            out.flush();
            err.flush();
            return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private static Spent parseSpent(int index, String value) {
            String[] parts = value.split(":", -1);
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw new UserError("--spent #" + (index + 1) + " '" + value + "' is not SCRIPTPUBKEY_HEX[:UNITS]",
                        ExitCodes.USAGE);
            }
            Optional<Amount> sats = Optional.empty();
            if (parts.length == 2) {
                try {
                    long units = Long.parseLong(parts[1]);
                    if (!Amount.inMoneyRange(units)) {
                        throw new NumberFormatException();
                    }
                    sats = Optional.of(Amount.ofUnits(units));
                } catch (NumberFormatException e) {
                    throw new UserError("--spent #" + (index + 1) + ": '" + parts[1]
                            + "' is not an amount in units (0 to " + Amount.MAX_MONEY_UNITS + ")", ExitCodes.USAGE);
                }
            }
            try {
                return new Spent(Script.of(Hex.decode(parts[0])), sats);
            } catch (IllegalArgumentException e) {
                throw new UserError("--spent #" + (index + 1) + " script hex: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
    }
}
