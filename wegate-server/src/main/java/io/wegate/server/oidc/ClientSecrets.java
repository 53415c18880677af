package io.wegate.server.oidc;

import io.wegate.server.web.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets: how wegate generates them, stores them and checks them at the token endpoint.
 *
 * <p>A secret wegate generates is 256 random bits, shown once and stored as {@code {sha256}<hex>}.
 * A slow password hash (bcrypt) exists to make guessing a <em>low-entropy</em> password from its
 * hash expensive; a 256-bit random value cannot be guessed from its SHA-256 whatever the hash
 * costs, while bcrypt at every token request would cap a core at about ten client authentications
 * a second. So SHA-256, compared in constant time. Secrets from the configuration may still be
 * {@code {bcrypt}…} (checked by Spring Security's encoder) or {@code {noop}…}/plain (stored as
 * their SHA-256 too, and compared in constant time).
 */
final class ClientSecrets {

    static final String SHA256 = "sha256";
    private static final String SHA256_PREFIX = "{" + SHA256 + "}";
    private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9@._-]+}.*", Pattern.DOTALL);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecrets() {}

    /** A new secret: 256 random bits, base64url. */
    static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** How a secret is stored: {@code {sha256}<hex>}. */
    static String hash(String secret) {
        return SHA256_PREFIX + Sha256.hex(secret);
    }

    /**
     * A secret of the configuration as it is stored: {@code {noop}x} and plain values become their
     * SHA-256 (no plain secret in the database); {@code {bcrypt}…} and other encodings stay.
     */
    static String stored(String configured) {
        if (configured == null) {
            return null;
        }
        if (configured.startsWith("{noop}")) {
            return hash(configured.substring("{noop}".length()));
        }
        if (!ENCODED.matcher(configured).matches()) {
            return hash(configured);
        }
        if (!encoder().matchesKnownId(configured)) {
            throw new IllegalArgumentException("wegate.oidc.clients[n].client-secret starts with an unknown {id}: use"
                    + " {bcrypt}..., {noop}... or a plain value");
        }
        return configured;
    }

    /** The encoder of the authorization server's client authentication (picked up as a bean). */
    static Encoder encoder() {
        return new Encoder();
    }

    /**
     * Spring Security's delegating encoder plus {@code {sha256}}; never "upgrades" a stored secret
     * (the authorization server would otherwise re-hash every {@code {sha256}} secret with bcrypt at
     * its first use, and write the client back).
     */
    static final class Encoder implements PasswordEncoder {

        private final DelegatingPasswordEncoder delegate;

        private Encoder() {
            Map<String, PasswordEncoder> encoders = new HashMap<>();
            encoders.put(SHA256, new Sha256Encoder());
            // {noop}: compared as digests in constant time too (clients saved by code, e.g. in tests)
            encoders.put("noop", new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return raw.toString();
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    return MessageDigest.isEqual(
                            Sha256.hex(raw.toString()).getBytes(StandardCharsets.US_ASCII),
                            Sha256.hex(encoded).getBytes(StandardCharsets.US_ASCII));
                }
            });
            DelegatingPasswordEncoder spring =
                    (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
            this.delegate = new DelegatingPasswordEncoder(SHA256, encoders);
            // every other {id} (bcrypt, argon2, ...): Spring Security's own, given the whole prefixed value
            this.delegate.setDefaultPasswordEncoderForMatches(new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return spring.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    return spring.matches(raw, encoded);
                }
            });
        }

        boolean matchesKnownId(String encoded) {
            try {
                delegate.matches("start-up check", encoded);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public String encode(CharSequence raw) {
            return hash(raw.toString());
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            if (raw == null || encoded == null) {
                return false;
            }
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return false;
        }
    }

    private static final class Sha256Encoder implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            return Sha256.hex(raw.toString());
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            // both sides are 64 hex characters: isEqual takes as long whatever the first differing byte
            return MessageDigest.isEqual(
                    Sha256.hex(raw.toString()).getBytes(StandardCharsets.US_ASCII),
                    encoded.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
