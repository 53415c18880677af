package io.wegate.server.oidc;

import io.wegate.server.token.Login;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code prompt=login} and {@code max_age} (OpenID Connect Core 1.0, section 3.1.2.1): an
 * authorization request that asks for them gets a fresh upstream login even when the browser has a
 * wegate session.
 *
 * <p>The loop: the request comes back from the login with the same {@code prompt=login}. So the way
 * to the login marks the request with the moment it was made, {@code wegate_login_after=<epoch
 * ms>.<HMAC>} (a server secret signs it, so it cannot be forged or moved back in time, and it is good
 * for {@link #WINDOW}): a request that carries a valid mark is satisfied by a login made at or after
 * that moment, and by nothing older. Dropping the mark only brings the login page back; a mark from
 * an earlier request only accepts logins made after it.
 */
final class FreshLogin {

    static final String MARK = "wegate_login_after";

    /** How long a mark stays good: about as long as a person takes to log in. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Supplier<byte[]> secret;
    private final Clock clock;

    FreshLogin(Supplier<byte[]> secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** Whether this request asks for a fresh login at all ({@code prompt=login} or {@code max_age}). */
    static boolean asks(HttpServletRequest request) {
        return promptLogin(request) || request.getParameter("max_age") != null;
    }

    /** Whether {@code login} is too old for this authorization request. */
    boolean required(HttpServletRequest request, Login login) {
        if (request.getParameter("response_type") == null || !asks(request)) {
            return false;
        }
        Instant after = verifiedMark(request.getParameter(MARK));
        if (after != null && !login.authenticatedAt().isBefore(after)) {
            // the fresh login this request was sent to has happened
            return false;
        }
        if (promptLogin(request)) {
            return true;
        }
        Long maxAge = maxAge(request.getParameter("max_age"));
        if (maxAge == null) {
            // not a number of seconds: ignored, as if absent
            return false;
        }
        long elapsed =
                Duration.between(login.authenticatedAt(), clock.instant()).getSeconds();
        return maxAge == 0 || elapsed > maxAge;
    }

    /**
     * Where the login returns to: the authorization request, with a fresh mark if it asks for a
     * fresh login (any earlier mark replaced).
     */
    String returnTo(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !asks(request)) {
            return request.getRequestURI() + (query == null ? "" : "?" + query);
        }
        List<String> kept = new ArrayList<>();
        for (String p : query.split("&")) {
            if (!p.startsWith(MARK + "=") && !p.equals(MARK) && !p.isEmpty()) {
                kept.add(p);
            }
        }
        kept.add(MARK + "=" + mark(clock.instant()));
        return request.getRequestURI() + "?" + String.join("&", kept);
    }

    String mark(Instant at) {
        String millis = Long.toString(at.toEpochMilli());
        return millis + "." + hmac(millis);
    }

    /** The moment of a mark this server made within {@link #WINDOW}, or null. */
    Instant verifiedMark(String mark) {
        if (mark == null) {
            return null;
        }
        int dot = mark.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return null;
        }
        String millis = mark.substring(0, dot);
        if (!millis.chars().allMatch(Character::isDigit)) {
            return null;
        }
        if (!MessageDigest.isEqual(
                hmac(millis).getBytes(StandardCharsets.US_ASCII),
                mark.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        Instant at = Instant.ofEpochMilli(Long.parseLong(millis));
        Instant now = clock.instant();
        return at.isAfter(now) || at.plus(WINDOW).isBefore(now) ? null : at;
    }

    private static boolean promptLogin(HttpServletRequest request) {
        String prompt = request.getParameter("prompt");
        return prompt != null && Arrays.asList(prompt.split(" ")).contains("login");
    }

    private static Long maxAge(String s) {
        if (s == null || s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(s);
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.get(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(("prompt-login:" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
