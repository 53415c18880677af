package io.wegate.server.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import io.wegate.server.account.LinkIntent;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.PublicBaseUrl;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The OAuth {@code state} (RFC 6749 section 10.12): single use, short-lived, bound to whoever
 * started the login, and stored nowhere until it is redeemed, so that starting logins, however
 * many, cannot exhaust or evict anything.
 *
 * <ul>
 *   <li>A browser login's state is random; what the login needs afterwards (flow, app, return_to,
 *       an explicit link) travels in a cookie of that browser, HMAC-signed with the gateway's key
 *       and named after the state, so a state is accepted only from the browser that started it,
 *       and two tabs do not disturb each other. The cookie is always minted here, never adopted.
 *   <li>The API flow's state authenticates itself: nonce, expiry, app and an HMAC over them and the
 *       client's {@code state_challenge}, so only the client holding the matching
 *       {@code state_verifier} can redeem it (the way PKCE binds a code to its verifier).
 * </ul>
 *
 * WeCom echoes a state unchanged only if it is {@code [a-zA-Z0-9]} and at most 128 bytes, so both
 * kinds are plain alphanumerics.
 */
@Component
public final class LoginStates {

    /** A started browser login: the state for the upstream and the cookie that carries the rest. */
    public record BrowserStart(String state, ResponseCookie cookie) {}

    static final String COOKIE = "WEGATE_LOGIN_";
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern BROWSER_STATE = Pattern.compile("[A-Za-z0-9]{32}");
    // nonce (24) + expiry in epoch seconds (10) + app index (2) + HMAC-SHA256 prefix (40 hex)
    private static final Pattern API_STATE = Pattern.compile("[A-Za-z0-9]{24}[0-9]{12}[0-9a-f]{40}");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final UsedStates used;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random;
    private final PublicBaseUrl publicBaseUrl;
    private final byte[] key;
    private final MACSigner signer;
    private final MACVerifier verifier;

    @org.springframework.beans.factory.annotation.Autowired
    public LoginStates(
            ServerSecrets secrets,
            UsedStates used,
            Clock clock,
            LoginProperties properties,
            SecureRandom random,
            PublicBaseUrl publicBaseUrl) {
        this(secrets.get("login-state"), used, clock, properties, random, publicBaseUrl);
    }

    LoginStates(
            byte[] key,
            UsedStates used,
            Clock clock,
            LoginProperties properties,
            SecureRandom random,
            PublicBaseUrl publicBaseUrl) {
        this.used = used;
        this.clock = clock;
        this.ttl = properties.stateTtl();
        this.random = random;
        this.publicBaseUrl = publicBaseUrl;
        this.key = key.clone();
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the login-state key is unusable", e);
        }
    }

    /** Starts a browser login: a fresh state, and the signed cookie that binds it to this browser. */
    public BrowserStart beginBrowser(String flow, String appId, String returnTo, String redirectUri, LinkIntent link) {
        String state = randomString(32);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("st", state);
        claims.put("f", flow);
        claims.put("a", appId);
        claims.put("rt", returnTo);
        claims.put("ru", redirectUri);
        if (link != null) {
            claims.put("la", link.accountId());
            claims.put("ll", link.loginId());
        }
        claims.put("exp", clock.instant().plus(ttl).getEpochSecond());
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(claims));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a login state", e);
        }
        return new BrowserStart(state, cookie(state, jws.serialize(), ttl));
    }

    /**
     * Redeems a browser login's state: it must come with the cookie this browser got when it
     * started the login, unaltered, unexpired, for {@code flow}, and never redeemed before.
     */
    public LoginState finishBrowser(String state, String flow, HttpServletRequest request) {
        if (state == null || !BROWSER_STATE.matcher(state).matches()) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        String value = cookieValue(request, cookieName(state));
        Map<String, Object> c = value == null ? null : verified(value);
        if (c == null
                || !constantTimeEquals(state, String.valueOf(c.get("st")))
                || !flow.equals(c.get("f"))
                || !(c.get("exp") instanceof Number exp)
                || !clock.instant().isBefore(Instant.ofEpochSecond(exp.longValue()))) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        if (!used.firstUse("b:" + state, ttl)) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        LinkIntent link =
                c.get("la") == null ? null : new LinkIntent(c.get("la").toString(), String.valueOf(c.get("ll")));
        return new LoginState(
                flow,
                (String) c.get("a"),
                (String) c.get("rt"),
                (String) c.get("ru"),
                link,
                Instant.ofEpochSecond(((Number) c.get("exp")).longValue()));
    }

    /** The Set-Cookie that removes a browser login's cookie once its callback came; null for a malformed state. */
    public ResponseCookie clearing(String state) {
        return state == null || !BROWSER_STATE.matcher(state).matches() ? null : cookie(state, "", Duration.ZERO);
    }

    /**
     * Starts an API login: a state that names the app ({@code appIndex} of {@code appId}) and is
     * bound to the client's {@code state_challenge} (BASE64URL(SHA-256(state_verifier))).
     */
    public String beginApi(String flow, int appIndex, String appId, String challenge) {
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            throw new ApiException(
                    GatewayError.INVALID_REQUEST,
                    "state_challenge is required: BASE64URL(SHA-256(state_verifier)), 43 characters");
        }
        if (appIndex < 0 || appIndex > 99) {
            throw new IllegalArgumentException("at most 100 apps of a kind");
        }
        String nonce = randomString(24);
        String exp = String.format("%010d", clock.instant().plus(ttl).getEpochSecond());
        String idx = String.format("%02d", appIndex);
        return nonce + exp + idx + mac(flow, nonce, exp, idx, appId, challenge);
    }

    /** Redeems an API login's state with the client's {@code state_verifier}. */
    public LoginState finishApi(String state, String flow, String stateVerifier, IntFunction<String> appIdOf) {
        if (state == null || !API_STATE.matcher(state).matches()) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        if (stateVerifier == null || !VERIFIER.matcher(stateVerifier).matches()) {
            throw new ApiException(
                    GatewayError.INVALID_REQUEST, "state_verifier is required: the secret behind state_challenge");
        }
        String nonce = state.substring(0, 24);
        String exp = state.substring(24, 34);
        String idx = state.substring(34, 36);
        String appId = appIdOf.apply(Integer.parseInt(idx));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(stateVerifier));
        if (appId == null
                || !constantTimeEquals(state.substring(36), mac(flow, nonce, exp, idx, appId, challenge))
                || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(exp)))) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        if (!used.firstUse("a:" + nonce, ttl)) {
            throw new ApiException(GatewayError.INVALID_STATE);
        }
        return new LoginState(flow, appId, null, null, null, Instant.ofEpochSecond(Long.parseLong(exp)));
    }

    /** A random [A-Za-z0-9] string. */
    public String randomString(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** The cookie of the browser login with {@code state}: {@code __Host-} prefixed behind https. */
    String cookieName(String state) {
        return (publicBaseUrl.isHttps() ? "__Host-" : "") + COOKIE + state.substring(0, 12);
    }

    private ResponseCookie cookie(String state, String value, Duration maxAge) {
        boolean https = publicBaseUrl.isHttps();
        return ResponseCookie.from(cookieName(state), value)
                .httpOnly(true)
                .secure(https)
                // the upstream's redirect back is a top-level GET, which carries Lax cookies
                .sameSite("Lax")
                // __Host- requires Path=/; without it the cookie stays on the login paths
                .path(https ? "/" : "/login")
                .maxAge(maxAge)
                .build();
    }

    private Map<String, Object> verified(String value) {
        try {
            JWSObject jws = JWSObject.parse(value);
            if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm()) || !jws.verify(verifier)) {
                return null;
            }
            return jws.getPayload().toJSONObject();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return null;
        }
    }

    private String mac(String flow, String nonce, String exp, String idx, String appId, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal(String.join("|", "api-state", flow, nonce, exp, idx, appId, challenge)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The value of the one cookie called {@code name}; null when there is none or more than one
     * (on an http public base a sibling host can plant a second cookie of the same name with a
     * longer path, which the browser would send first).
     */
    private static String cookieValue(HttpServletRequest request, String name) {
        String value = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    if (value != null) {
                        return null;
                    }
                    value = c.getValue();
                }
            }
        }
        return value;
    }

    /**
     * Set-Cookies that remove the oldest login cookies this browser still carries, so that at most
     * {@code keep} logins are pending at once and the Cookie header stays small. Browsers send
     * cookies of one path oldest first (RFC 6265 section 5.4).
     */
    public java.util.List<ResponseCookie> clearingOldest(HttpServletRequest request, int keep) {
        String prefix = (publicBaseUrl.isHttps() ? "__Host-" : "") + COOKIE;
        java.util.List<String> names = new java.util.ArrayList<>();
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().startsWith(prefix) && !names.contains(c.getName())) {
                    names.add(c.getName());
                }
            }
        }
        java.util.List<ResponseCookie> out = new java.util.ArrayList<>();
        boolean https = publicBaseUrl.isHttps();
        for (int i = 0; i < names.size() - keep; i++) {
            out.add(ResponseCookie.from(names.get(i), "")
                    .httpOnly(true)
                    .secure(https)
                    .sameSite("Lax")
                    .path(https ? "/" : "/login")
                    .maxAge(Duration.ZERO)
                    .build());
        }
        return out;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
