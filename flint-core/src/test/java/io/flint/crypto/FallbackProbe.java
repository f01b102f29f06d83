package io.flint.crypto;

/**
 * Run in a separate JVM by {@link FallbackTest}: prints which secp256k1 engine and which nonce
 * scanner path that JVM ends up with, and results both must agree on.
 */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        byte[] secret = Sha256.hash(new byte[] {42});
        byte[] digest = Sha256.hash(new byte[] {43});
        // asked twice: the fallback warning must still appear only once
        Secp256k1 first = Secp256k1Engines.best();
        Secp256k1 second = Secp256k1Engines.best();
        System.out.println("engine=" + first.name() + " same=" + (first == second));
        System.out.println("signature=" + Hex.encode(second.sign(digest, secret)));
        byte[] prefix = new byte[64];
        DoubleSha256NonceScanner scanner = DoubleSha256NonceScanner.create(prefix, 16);
        System.out.println("scanner=" + scanner.path().label());
        System.out.println("hash=" + Hex.encode(scanner.doubleHash(new byte[16])));
        try {
            DoubleSha256NonceScanner.create(prefix, 16, DoubleSha256NonceScanner.Path.COMPRESS);
            System.out.println("compress=created");
        } catch (IllegalStateException e) {
            System.out.println("compress=refused: " + e.getMessage());
        }
    }
}
