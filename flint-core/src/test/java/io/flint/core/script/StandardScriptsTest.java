package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flint.crypto.Hash160;
import io.flint.crypto.Hex;
import org.junit.jupiter.api.Test;

class StandardScriptsTest {
    private static final byte[] HASH = Hex.decode("89abcdefabbaabbaabbaabbaabbaabbaabbaabba");
    private static final byte[] COMPRESSED = Hex.decode("02" + "11".repeat(32));
    private static final byte[] UNCOMPRESSED = Hex.decode("04" + "22".repeat(64));

    @Test
    void p2pkhBuildsAndIsRecognised() {
        Script s = StandardScripts.p2pkh(HASH);
        assertThat(s.toHex()).isEqualTo("76a914" + Hex.encode(HASH) + "88ac");
        assertThat(s.toAsm()).isEqualTo("OP_DUP OP_HASH160 " + Hex.encode(HASH) + " OP_EQUALVERIFY OP_CHECKSIG");
        assertThat(StandardScripts.isP2pkh(s)).isTrue();
        assertThat(StandardScripts.p2pkhHash(s)).hasValueSatisfying(h -> assertThat(h).isEqualTo(HASH));
        assertThat(StandardScripts.p2pkhForKey(COMPRESSED)).isEqualTo(StandardScripts.p2pkh(Hash160.hash(COMPRESSED)));
        assertThat(StandardScripts.isP2pk(s)).isFalse();
        // a PUSHDATA1 form of the same hash is not the template
        Script nonMinimal = Script.fromHex("76a94c14" + Hex.encode(HASH) + "88ac");
        assertThat(StandardScripts.isP2pkh(nonMinimal)).isFalse();
        assertThatThrownBy(() -> StandardScripts.p2pkh(new byte[19])).hasMessageContaining("20 bytes");
    }

    @Test
    void p2pkIsRecognisedOnlyWithAKeyEncodingOfTheRightSize() {
        assertThat(StandardScripts.p2pkPublicKey(StandardScripts.p2pk(COMPRESSED)))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(COMPRESSED));
        assertThat(StandardScripts.isP2pk(StandardScripts.p2pk(UNCOMPRESSED))).isTrue();
        assertThat(StandardScripts.isP2pk(Script.fromHex("21" + "04" + "11".repeat(32) + "ac"))).isFalse();
        assertThat(StandardScripts.isP2pk(Script.fromHex("41" + "06" + "11".repeat(64) + "ac"))).isTrue();
        assertThat(StandardScripts.isP2pk(Script.fromHex("21" + "02" + "11".repeat(32) + "ad"))).isFalse();
        assertThatThrownBy(() -> StandardScripts.p2pk(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opReturnAndSpendingScripts() {
        assertThat(StandardScripts.opReturn(new byte[0]).toHex()).isEqualTo("6a");
        assertThat(StandardScripts.opReturn(new byte[] {1, 2}).toHex()).isEqualTo("6a020102");
        assertThat(StandardScripts.p2pkhScriptSig(new byte[] {9}, COMPRESSED).ops()).hasSize(2);
        assertThat(StandardScripts.p2pkScriptSig(new byte[] {9}).isPushOnly()).isTrue();
    }

    @Test
    void typeNamesAreBitcoinCoresNames() {
        assertThat(StandardScripts.typeName(StandardScripts.p2pkh(HASH))).isEqualTo("pubkeyhash");
        assertThat(StandardScripts.typeName(StandardScripts.p2pk(COMPRESSED))).isEqualTo("pubkey");
        assertThat(StandardScripts.typeName(StandardScripts.opReturn(new byte[] {1}))).isEqualTo("nulldata");
        assertThat(StandardScripts.typeName(Script.EMPTY)).isEqualTo("nonstandard");
        assertThat(StandardScripts.typeName(Script.fromHex("51"))).isEqualTo("nonstandard");
    }

    @Test
    void builderUsesTheShortestPushForm() {
        assertThat(new ScriptBuilder().data(new byte[75]).build().program()[0]).isEqualTo((byte) 75);
        assertThat(new ScriptBuilder().data(new byte[76]).build().toHex()).startsWith("4c4c");
        assertThat(new ScriptBuilder().data(new byte[255]).build().toHex()).startsWith("4cff");
        assertThat(new ScriptBuilder().data(new byte[256]).build().toHex()).startsWith("4d0001");
        assertThat(new ScriptBuilder().data(new byte[65536]).build().toHex()).startsWith("4e00000100");
        assertThat(new ScriptBuilder().smallInteger(0).smallInteger(16).build().toHex()).isEqualTo("0060");
    }

    @Test
    void malformedScriptsAreRepresentableAndReportedAsSuch() {
        Script s = Script.fromHex("51" + "4d0500" + "aabb");
        assertThat(s.isWellFormed()).isFalse();
        assertThat(s.ops()).hasSize(1);
        assertThat(s.toAsm()).isEqualTo("OP_1 [error]");
        assertThat(s.isPushOnly()).isFalse();
        assertThat(Script.fromHex("4f5160").isPushOnly()).isTrue();
        assertThat(Script.fromHex("").isWellFormed()).isTrue();
    }
}
