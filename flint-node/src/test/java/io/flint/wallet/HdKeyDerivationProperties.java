package io.flint.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.crypto.Secp256k1Engines;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HdKeyDerivationProperties {
    private final HdKeyDerivation hd = new HdKeyDerivation(Secp256k1Engines.java());

    @Property(tries = 40)
    void publicDerivationAgreesWithPrivateDerivation(@ForAll @Size(min = 16, max = 64) byte[] seed,
                                                     @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index) {
        ExtendedKey master = hd.master(seed);
        ExtendedKey viaPrivate = hd.deriveChild(master, ChildNumber.normal(index));
        ExtendedKey viaPublic = hd.deriveChild(master.neuter(), ChildNumber.normal(index));
        assertThat(viaPublic).isEqualTo(viaPrivate.neuter());
        assertThat(viaPrivate.parentFingerprint()).isEqualTo(master.fingerprint());
    }

    @Property(tries = 40)
    void serializationRoundTrips(@ForAll @Size(min = 16, max = 64) byte[] seed,
                                 @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index) {
        ExtendedKey key = hd.deriveChild(hd.master(seed), ChildNumber.hardened(index));
        assertThat(hd.parse(key.toXprv())).isEqualTo(key);
        assertThat(hd.parse(key.toXpub())).isEqualTo(key.neuter());
        assertThat(key.childNumber().index()).isEqualTo(index);
        assertThat(key.childNumber().isHardened()).isTrue();
    }
}
