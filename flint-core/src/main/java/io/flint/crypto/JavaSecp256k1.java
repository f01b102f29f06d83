package io.flint.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Pure-Java secp256k1 on BouncyCastle's lightweight API, for platforms where libsecp256k1 cannot
 * load. Signatures are bit-identical to libsecp256k1's: the same RFC 6979 nonce (HMAC-SHA256 over
 * the secret and the digest reduced mod n) and the same low-S normalization.
 */
public final class JavaSecp256k1 implements Secp256k1 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    /** Stateless; one shared instance is enough, but creating more is harmless. */
    public JavaSecp256k1() {}

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean isValidSecret(byte[] secret) {
        return CurveOrder.isValidScalar(secret);
    }

    @Override
    public byte[] publicKey(byte[] secret, boolean compressed) {
        EngineChecks.requireSecret(secret);
        return multiplyG(new BigInteger(1, secret)).getEncoded(compressed);
    }

    @Override
    public byte[] parsePublicKey(byte[] encoded, boolean compressed) {
        return decodePoint(encoded).getEncoded(compressed);
    }

    @Override
    public byte[] sign(byte[] digest32, byte[] secret) {
        EngineChecks.requireDigest(digest32);
        EngineChecks.requireSecret(secret);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, secret), DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest32);
        return new DerSignature(rs[0], rs[1]).normalizeLowS().encode();
    }

    @Override
    public boolean verify(byte[] digest32, byte[] derSignature, byte[] publicKey) {
        byte[] compact = EngineChecks.verifiableCompact(digest32, derSignature, publicKey);
        if (compact == null) {
            return false;
        }
        DerSignature sig = DerSignature.fromCompact(compact);
        ECPoint point;
        try {
            point = decodePoint(publicKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(point, DOMAIN));
        return verifier.verifySignature(digest32, sig.r(), sig.s());
    }

    @Override
    public byte[] privateKeyTweakAdd(byte[] secret, byte[] tweak32) {
        EngineChecks.requireSecret(secret);
        BigInteger tweak = EngineChecks.requireTweak(tweak32);
        BigInteger sum = new BigInteger(1, secret).add(tweak).mod(CurveOrder.N);
        if (sum.signum() == 0) {
            throw new IllegalArgumentException(EngineChecks.ZERO_SECRET_AFTER_TWEAK);
        }
        return CurveOrder.toBytes32(sum);
    }

    @Override
    public byte[] publicKeyTweakAdd(byte[] publicKey, byte[] tweak32) {
        ECPoint point = decodePoint(publicKey);
        BigInteger tweak = EngineChecks.requireTweak(tweak32);
        ECPoint sum = point.add(multiplyG(tweak)).normalize();
        if (sum.isInfinity()) {
            throw new IllegalArgumentException(EngineChecks.INFINITY_AFTER_TWEAK);
        }
        return sum.getEncoded(true);
    }

    private static ECPoint multiplyG(BigInteger scalar) {
        return new FixedPointCombMultiplier().multiply(DOMAIN.getG(), scalar).normalize();
    }

    /** Decodes 02/03/04 and the hybrid 06/07 encodings, checking the point is on the curve. */
    private static ECPoint decodePoint(byte[] encoded) {
        EngineChecks.requirePublicKeyShape(encoded);
        ECPoint point;
        try {
            point = DOMAIN.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(EngineChecks.NOT_ON_CURVE + " (" + e.getMessage() + ")", e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException(EngineChecks.NOT_ON_CURVE);
        }
        return point.normalize();
    }
}
