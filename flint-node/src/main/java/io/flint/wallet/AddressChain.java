package io.flint.wallet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** BIP44's two chains under an account: addresses given out (0) and change back to ourselves (1). */
public enum AddressChain {
    RECEIVE(0),
    CHANGE(1);

    private final int childIndex;

    AddressChain(int childIndex) {
        this.childIndex = childIndex;
    }

    /** The path step under the account: m/44'/0'/0'/{childIndex}/i. */
    public ChildNumber childNumber() {
        return ChildNumber.normal(childIndex);
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AddressChain fromJson(String name) {
        for (AddressChain c : values()) {
            if (c.jsonName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown address chain '" + name + "' (receive or change)");
    }
}
