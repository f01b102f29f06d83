package io.flint.crypto;

/**
 * libsecp256k1 (Bitcoin Core's curve library) through ACINQ's JNI binding. Get one from {@link
 * Secp256k1Engines}, which loads the native library once and falls back to {@link JavaSecp256k1}
 * when it cannot.
 *
 * <p>The binding signs into the 64-byte compact form (always low S) and guesses a signature's
 * format from its length, so a 64-byte DER signature would be misread: this class therefore does
 * all DER work itself with {@link DerSignature} and hands the binding compact signatures only.
 */
public final class NativeSecp256k1 implements Secp256k1 {
    private final fr.acinq.secp256k1.Secp256k1 lib;

    private NativeSecp256k1(fr.acinq.secp256k1.Secp256k1 lib) {
        this.lib = lib;
    }

    /**
     * Loads the JNI library and checks it with one signature round trip.
     *
     * @throws IllegalStateException with the cause when the library cannot load or misbehaves
     */
    static NativeSecp256k1 load() {
        fr.acinq.secp256k1.Secp256k1 lib;
        try {
            lib = fr.acinq.secp256k1.Secp256k1.get();
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError, or the
            // binding's own "could not load" exception: all mean the same thing to us
            throw new IllegalStateException("libsecp256k1 JNI library did not load: " + e, e);
        }
        NativeSecp256k1 engine = new NativeSecp256k1(lib);
        engine.selfTest();
        return engine;
    }

    /** A loaded library that signs and verifies wrongly must not be used; catch that here. */
    private void selfTest() {
        byte[] secret = new byte[32];
        secret[31] = 1;
        byte[] digest = Sha256.hash(new byte[0]);
        try {
            byte[] sig = sign(digest, secret);
            byte[] pub = publicKey(secret, true);
            digest[0] ^= 1;
            boolean rejectsOther = !verify(digest, sig, pub);
            digest[0] ^= 1;
            if (!verify(digest, sig, pub) || !rejectsOther) {
                throw new IllegalStateException("libsecp256k1 failed its sign/verify self-test");
            }
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException("libsecp256k1 failed its sign/verify self-test: " + e, e);
        }
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public boolean isValidSecret(byte[] secret) {
        return secret != null && secret.length == 32 && lib.secKeyVerify(secret);
    }

    @Override
    public byte[] publicKey(byte[] secret, boolean compressed) {
        EngineChecks.requireSecret(secret);
        byte[] uncompressed = lib.pubkeyCreate(secret);
        return compressed ? lib.pubKeyCompress(uncompressed) : uncompressed;
    }

    @Override
    public byte[] parsePublicKey(byte[] encoded, boolean compressed) {
        byte[] uncompressed = parseToUncompressed(encoded);
        return compressed ? lib.pubKeyCompress(uncompressed) : uncompressed;
    }

    private byte[] parseToUncompressed(byte[] encoded) {
        EngineChecks.requirePublicKeyShape(encoded);
        try {
            return lib.pubkeyParse(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(EngineChecks.NOT_ON_CURVE, e);
        }
    }

    @Override
    public byte[] sign(byte[] digest32, byte[] secret) {
        EngineChecks.requireDigest(digest32);
        EngineChecks.requireSecret(secret);
        return DerSignature.fromCompact(lib.sign(digest32, secret)).encode();
    }

    @Override
    public boolean verify(byte[] digest32, byte[] derSignature, byte[] publicKey) {
        byte[] compact = EngineChecks.verifiableCompact(digest32, derSignature, publicKey);
        if (compact == null) {
            return false;
        }
        try {
            return lib.verify(compact, digest32, publicKey);
        } catch (RuntimeException e) {
            // the binding throws for a key that is not on the curve; the contract says false
            return false;
        }
    }

    @Override
    public byte[] privateKeyTweakAdd(byte[] secret, byte[] tweak32) {
        EngineChecks.requireSecret(secret);
        EngineChecks.requireTweak(tweak32);
        try {
            // the binding tweaks its argument in place: never hand it the caller's array
            return lib.privKeyTweakAdd(secret.clone(), tweak32.clone());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(EngineChecks.ZERO_SECRET_AFTER_TWEAK, e);
        }
    }

    @Override
    public byte[] publicKeyTweakAdd(byte[] publicKey, byte[] tweak32) {
        byte[] uncompressed = parseToUncompressed(publicKey);
        EngineChecks.requireTweak(tweak32);
        try {
            return lib.pubKeyCompress(lib.pubKeyTweakAdd(uncompressed, tweak32.clone()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(EngineChecks.INFINITY_AFTER_TWEAK, e);
        }
    }
}
