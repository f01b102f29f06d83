package io.flint.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.crypto.Hex;
import org.junit.jupiter.api.Test;

/** Bitcoin Core's FindAndDelete cases (script_tests' FindAndDelete test, re-derived). */
class FindAndDeleteTest {

    private static String delete(String script, String pattern, int expectedCount) {
        FindAndDelete.Result r = FindAndDelete.apply(Hex.decode(script), Hex.decode(pattern));
        assertThat(r.found()).as("count for %s in %s", pattern, script).isEqualTo(expectedCount);
        return Hex.encode(r.script());
    }

    @Test
    void deletesOnlyAtOperationBoundaries() {
        assertThat(delete("", "", 0)).isEmpty();
        assertThat(delete("0302ff03", "0302ff03", 1)).isEmpty();
        assertThat(delete("0302ff030302ff03", "0302ff03", 2)).isEmpty();
        // the pattern sits inside a push, so it is not on a boundary
        assertThat(delete("0302ff03", "02", 0)).isEqualTo("0302ff03");
        assertThat(delete("0302ff03", "ff", 0)).isEqualTo("0302ff03");
        // the push's own opcode byte is a boundary: removing it leaves 02ff03, itself a push
        assertThat(delete("0302ff030302ff03", "03", 2)).isEqualTo("02ff0302ff03");
        assertThat(delete("0302ff030302ff03", "02", 0)).isEqualTo("0302ff030302ff03");
        // after a removal parsing continues from where the removal ended
        assertThat(delete("02feed5169", "feed51", 0)).isEqualTo("02feed5169");
        assertThat(delete("02feed5169", "02feed51", 1)).isEqualTo("69");
        assertThat(delete("516902feed5169", "feed51", 0)).isEqualTo("516902feed5169");
        assertThat(delete("516902feed5169", "02feed51", 1)).isEqualTo("516969");
        assertThat(delete("0003feed", "03feed", 1)).isEqualTo("00");
        assertThat(delete("0003feed", "00", 1)).isEqualTo("03feed");
        // 0xab (OP_CODESEPARATOR) is only removed where it is an opcode
        assertThat(delete("ab", "ab", 1)).isEmpty();
        assertThat(delete("01abab", "ab", 1)).isEqualTo("01ab");
    }

    @Test
    void aMalformedTailIsKept() {
        assertThat(delete("51" + "4c05aa", "51", 1)).isEqualTo("4c05aa");
    }

    @Test
    void patternIsTheMinimalPushOfTheSignature() {
        assertThat(Hex.encode(FindAndDelete.pushOf(new byte[0]))).isEqualTo("00");
        assertThat(Hex.encode(FindAndDelete.pushOf(new byte[] {1, 2}))).isEqualTo("020102");
        assertThat(FindAndDelete.pushOf(new byte[80])[0] & 0xff).isEqualTo(Opcode.OP_PUSHDATA1);
    }
}
