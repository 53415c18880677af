package io.wegate.server.login;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The OAuth {@code state}: random, single use, short-lived, and for browser logins bound to the
 * browser that started the login (RFC 6749 section 10.12), so a code cannot be injected into
 * somebody else's session.
 */
@Component
public final class LoginStates {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    // WeCom echoes state unchanged only if it is [a-zA-Z0-9] and at most 128 bytes
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{32}");
    private static final int LENGTH = 32;

    private final LoginStateStore store;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random;

    public LoginStates(LoginStateStore store, Clock clock, LoginProperties properties, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.ttl = properties.stateTtl();
        this.random = random;
    }

    /** Starts a login and returns its fresh state. */
    public String begin(
            String flow,
            String appId,
            String returnTo,
            String redirectUri,
            String browserBindingValue,
            String linkAccountId) {
        String state = randomString(LENGTH);
        String binding = browserBindingValue == null ? null : Sha256.hex(browserBindingValue);
        store.save(
                state,
                new LoginState(
                        flow,
                        appId,
                        returnTo,
                        redirectUri,
                        binding,
                        linkAccountId,
                        clock.instant().plus(ttl)),
                ttl);
        return state;
    }

    /**
     * Consumes {@code state} for {@code flow}. Whatever the outcome, the state is gone: a state
     * that failed a check must not be tried again.
     */
    public LoginState finish(String state, String flow, String browserBindingValue) {
        if (state == null || !FORMAT.matcher(state).matches()) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        Optional<LoginState> found = store.consume(state);
        if (found.isEmpty()) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        LoginState s = found.get();
        if (!s.flow().equals(flow) || !clock.instant().isBefore(s.expiresAt())) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        if (s.browserBinding() != null
                && (browserBindingValue == null
                        || !MessageDigest.isEqual(
                                s.browserBinding().getBytes(StandardCharsets.US_ASCII),
                                Sha256.hex(browserBindingValue).getBytes(StandardCharsets.US_ASCII)))) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        return s;
    }

    /** A random [A-Za-z0-9] string, for states and browser bindings. */
    public String randomString(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
