package dev.switchboard.platform.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys as {@code openssl genpkey}/{@code openssl pkey -pubout} write them (PKCS#8 private, X.509 public), either
 * as PEM or as the bare base64 of one line (what fits an env file).
 */
public final class PemKeys {

    private PemKeys() {
    }

    public static RSAPrivateCrtKey privateKey(String name, String pem) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(name, pem)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(name + " is not an RSA private key in PKCS#8 (" + e.getMessage() + ")", e);
        }
    }

    public static RSAPublicKey publicKey(String name, String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(name, pem)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(name + " is not an RSA public key in X.509 (" + e.getMessage() + ")", e);
        }
    }

    /** The public half, which a PKCS#8 RSA key carries (modulus and public exponent). */
    public static RSAPublicKey publicKey(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of a key's encoded form. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String name, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is neither PEM nor base64: " + e.getMessage(), e);
        }
    }
}
