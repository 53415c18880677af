package io.wegate.server.site;

import io.wegate.server.web.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Checks the operator's HTTP Basic credentials against {@code wegate.management.*}. Hashed passwords ({@code
 * {bcrypt}...}) go through Spring Security's delegating encoder; {@code {noop}} and plain ones are compared in
 * constant time. No password configured: every attempt fails, and nothing is ever logged about the value.
 */
final class OperatorCredentials {

    private static final Logger log = LoggerFactory.getLogger(OperatorCredentials.class);
    private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9@._-]+}.*", Pattern.DOTALL);
    private static final String NOOP = "{noop}";

    private OperatorCredentials() {}

    static AuthenticationManager authenticationManager(ManagementProperties management) {
        if (!management.passwordSet()) {
            log.info("wegate.management.password is not set: /actuator/info, /actuator/prometheus and"
                    + " /actuator/upstreamquota answer 401, /actuator/health shows its status only");
            return authentication -> {
                throw new BadCredentialsException("no operator password is configured");
            };
        }
        PasswordEncoder encoder = new Encoder();
        String stored =
                ENCODED.matcher(management.password()).matches() ? management.password() : NOOP + management.password();
        try {
            // an unknown {id} fails here, at start-up, rather than on the first request (a non-empty probe:
            // Spring Security's encoders answer false to an empty password without looking at the id)
            encoder.matches("start-up check", stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "wegate.management.password starts with an unknown {id}: use {bcrypt}..., {noop}... or a plain"
                            + " value (a plain value that starts with '{' is written {noop}{...})");
        }
        DaoAuthenticationProvider provider =
                new DaoAuthenticationProvider(new InMemoryUserDetailsManager(User.withUsername(management.username())
                        .password(stored)
                        .roles("OPERATOR")
                        .build()));
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }

    /** Spring Security's delegating encoder, but {@code {noop}} compares digests in constant time. */
    private static final class Encoder implements PasswordEncoder {

        private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            if (encoded != null && encoded.startsWith(NOOP)) {
                // digests of equal length: isEqual then takes as long whatever the first differing byte
                return MessageDigest.isEqual(
                        Sha256.hex(raw.toString()).getBytes(StandardCharsets.US_ASCII),
                        Sha256.hex(encoded.substring(NOOP.length())).getBytes(StandardCharsets.US_ASCII));
            }
            return delegate.matches(raw, encoded);
        }
    }
}
