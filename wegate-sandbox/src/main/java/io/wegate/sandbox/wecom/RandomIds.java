package io.wegate.sandbox.wecom;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random opaque strings shaped like WeCom's: URL-safe, unguessable, of realistic length. SecureRandom keeps codes and
 * tokens unpredictable, so a test cannot pass by accident with a guessed value.
 */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {}

    /** An access_token: 128 characters of {@code [A-Za-z0-9_-]} (WeCom allows up to 512 bytes). */
    public static String accessToken() {
        return random(96);
    }

    /** An OAuth code: 43 characters. */
    public static String code() {
        return random(32);
    }

    /** A user_ticket: 86 characters. */
    public static String userTicket() {
        return random(64);
    }

    /** A mini-program session_key: standard base64 of 16 random bytes (24 characters), also the AES key of B3.2. */
    public static String sessionKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return ENCODER.encodeToString(b);
    }
}
