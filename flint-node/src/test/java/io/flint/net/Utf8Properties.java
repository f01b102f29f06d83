package io.flint.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class Utf8Properties {

    @Property(tries = 2000)
    void agreesWithTheJdkStrictDecoderOnAnyBytes(@ForAll @Size(max = 12) byte[] bytes) {
        assertThat(Utf8.firstInvalidByte(bytes) < 0).isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 500)
    void acceptsEveryEncodedString(@ForAll String text) {
        assertThat(Utf8.firstInvalidByte(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Example
    void namesTheLeadByteOfTheFirstBadSequence() {
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82})).isEqualTo(2); // truncated
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo(1); // surrogate
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isZero();
        assertThat(Utf8.firstInvalidByte(new byte[] {'x', (byte) 0x80})).isEqualTo(1); // lone continuation
        assertThat(Utf8.firstInvalidByte("€𝄞".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
