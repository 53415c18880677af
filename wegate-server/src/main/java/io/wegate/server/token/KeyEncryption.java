package io.wegate.server.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a private JWK with the key-encryption key: AES-256-GCM (JDK), a random 96-bit nonce per
 * seal, the key's kid and algorithm as additional authenticated data (a sealed key copied to
 * another row does not open), stored as {@code wegate-kek-v1:<base64url(nonce || ciphertext || tag)>}.
 * The version prefix leaves room for another scheme later.
 */
final class KeyEncryption {

    static final String PREFIX = "wegate-kek-v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sealed key that does not open with the configured key-encryption key. */
    static final class WrongKeyException extends Exception {
        WrongKeyException(String message) {
            super(message);
        }
    }

    private final SecretKey key;

    /** @param base64 base64 (standard or URL-safe) of exactly 32 bytes */
    KeyEncryption(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("wegate.token.key-encryption-key is empty");
        }
        byte[] raw;
        try {
            String s = base64.strip();
            raw = s.contains("-") || s.contains("_")
                    ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wegate.token.key-encryption-key is not valid base64: generate one with"
                    + " `openssl rand -base64 32`");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    "wegate.token.key-encryption-key must be the base64 of 32 bytes (AES-256)," + " not " + raw.length
                            + " bytes: generate one with `openssl rand -base64 32`");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    static boolean isSealed(String stored) {
        return stored.startsWith("wegate-kek-");
    }

    String seal(String kid, String algorithm, String clearJwk) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(kid, algorithm));
            byte[] sealed = c.doFinal(clearJwk.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot encrypt signing key " + kid + ": " + e.getClass().getSimpleName());
        }
    }

    String open(String kid, String algorithm, String stored) throws WrongKeyException {
        if (!stored.startsWith(PREFIX)) {
            throw new WrongKeyException("signing key " + kid + " is sealed with an unknown scheme ("
                    + stored.substring(0, Math.min(stored.indexOf(':') + 1, 16)) + "); this wegate reads "
                    + PREFIX);
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
            if (in.length <= NONCE_BYTES) {
                throw new WrongKeyException("signing key " + kid + " is truncated");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(aad(kid, algorithm));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new WrongKeyException("signing key " + kid + " (" + algorithm + ") in table signing_key does not"
                    + " decrypt with the configured wegate.token.key-encryption-key: it was encrypted with another"
                    + " key-encryption key (or the row was altered); configure the key it was encrypted with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot decrypt signing key " + kid + ": " + e.getClass().getSimpleName());
        }
    }

    private static byte[] aad(String kid, String algorithm) {
        return ("wegate-signing-key|" + kid + "|" + algorithm).getBytes(StandardCharsets.UTF_8);
    }
}
