package io.wegate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Drives a running gateway and its sandbox the way a front end and a WeCom user would: every step
 * is real HTTP.
 */
public final class Gateway {

    public static final String AGENT_ID = "1000002";

    /** {@code wegate.management.password} of every test gateway: the operator endpoints need it. */
    public static final String OPERATOR_PASSWORD = "test-operator-password";

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghij";

    private final Http http = new Http();
    private final String base;
    private final Sandbox sandbox;

    public Gateway(int port, Sandbox sandbox) {
        this.base = "http://localhost:" + port;
        this.sandbox = sandbox;
    }

    public String base() {
        return base;
    }

    public Http http() {
        return http;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The demo redirect URI the API flow allows in sandbox mode. */
    public String redirectUri() {
        return base + "/callback";
    }

    /** The verifier of tests that call authorize-url themselves with {@link #STATE_CHALLENGE}. */
    public static final String TEST_VERIFIER = "wegate-test-state-verifier-0123456789abcdefghij";

    /** {@code state_challenge=...} of {@link #TEST_VERIFIER}, for authorize-url query strings. */
    public static final String STATE_CHALLENGE = "state_challenge=" + challenge(TEST_VERIFIER);

    // shared by every Gateway of the JVM: a login started on one instance may finish on another
    private static final Map<String, String> verifiers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Step 1 of the API flow: a fresh state, bound to a verifier this client keeps for {@link #login}. */
    public String newState() {
        String verifier = newVerifier();
        Http.Answer a = http.get(base + "/api/v1/login/wecom/authorize-url?redirect_uri=" + enc(redirectUri())
                + "&state_challenge=" + challenge(verifier));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        String state = a.json().get("state").asString();
        verifiers.put(state, verifier);
        return state;
    }

    /** The verifier this client kept for {@code state}, else {@link #TEST_VERIFIER}. */
    public static String verifierOf(String state) {
        return state == null ? TEST_VERIFIER : verifiers.getOrDefault(state, TEST_VERIFIER);
    }

    /** A fresh {@code state_verifier} (43 characters, as PKCE's code_verifier). */
    public static String newVerifier() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** {@code state_challenge} = BASE64URL(SHA-256(verifier)). */
    public static String challenge(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the sandbox gives a member who consents: a login code. */
    public String code(String userid) {
        return code(userid, "snsapi_base", redirectUri());
    }

    public String code(String userid, String scope, String redirectUri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flow", "wecom-web");
        body.put("agentid", AGENT_ID);
        body.put("userid", userid);
        body.put("scope", scope);
        body.put("redirect_uri", redirectUri);
        Http.Answer a = http.postJson(sandbox.baseUrl() + "/sandbox/codes", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("code").asString();
    }

    /**
     * A code from an authorize URL without agentid: the page cannot check the trusted domain then,
     * and the exchange answers 50001 if the exchanging app does not trust {@code redirectUri}.
     */
    public String codeWithoutAgent(String userid, String redirectUri) {
        Http.Answer a = http.postJson(
                sandbox.baseUrl() + "/sandbox/codes",
                Map.of("flow", "wecom-web", "userid", userid, "scope", "snsapi_base", "redirect_uri", redirectUri));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("code").asString();
    }

    /** A code for a WeChat user who is not a member of the corp. */
    public String guestCode() {
        Http.Answer a = http.postJson(
                sandbox.baseUrl() + "/sandbox/codes",
                Map.of("flow", "wecom-web", "agentid", AGENT_ID, "guest", true, "scope", "snsapi_base"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("code").asString();
    }

    /** Step 3 of the API flow, with the verifier this client kept for {@code state} (if any). */
    public Http.Answer login(String code, String state) {
        return login(code, state, verifierOf(state));
    }

    public Http.Answer login(String code, String state, String verifier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("state", state);
        if (verifier != null) {
            body.put("state_verifier", verifier);
        }
        return http.postJson(base + "/api/v1/login/wecom", body);
    }

    /** The whole API flow for one member; asserts success. */
    public JsonNode loginAs(String userid) {
        Http.Answer a = login(code(userid), newState());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    /** Any sandbox code: {@code POST /sandbox/codes} with this body; returns the whole answer. */
    public JsonNode mint(Map<String, Object> body) {
        Http.Answer a = http.postJson(sandbox.baseUrl() + "/sandbox/codes", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    /** The result of a browser login: where it went and the session it started. */
    public record BrowserLogin(Http.Answer callback, String sessionCookie) {
        /** wegate's tokens for that browser session, as the home page gets them. */
        public JsonNode tokens(Gateway g) {
            Http.Answer t = g.http()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.base() + "/api/v1/session/token"))
                            .header("Cookie", sessionCookie)
                            .header("X-Requested-With", "test")
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(t.status()).as(t.body()).isEqualTo(200);
            return t.json();
        }
    }

    /**
     * A browser login through {@code startPath} (e.g. {@code /login/wechat-open?return_to=/}): start,
     * let {@code mint} play the person on the upstream page for the redirect_uri, then the callback.
     */
    public BrowserLogin browserLogin(String startPath, java.util.function.Function<String, String> mint) {
        return browserLogin(startPath, null, mint);
    }

    /** As {@link #browserLogin(String, java.util.function.Function)}, in a browser that has {@code sessionCookie}. */
    public BrowserLogin browserLogin(
            String startPath, String sessionCookie, java.util.function.Function<String, String> mint) {
        Map<String, String> headers = sessionCookie == null ? Map.of() : Map.of("Cookie", sessionCookie);
        Http.Answer start = http.get(base + startPath, headers);
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        String location = start.header("Location");
        String state = location.replaceAll(".*[?&]state=([A-Za-z0-9]+).*", "$1");
        String redirectUri = java.net.URLDecoder.decode(
                location.replaceAll(".*[?&]redirect_uri=([^&#]+).*", "$1"), StandardCharsets.UTF_8);
        String cookie = start.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("WEGATE_LOGIN_") || c.startsWith("__Host-WEGATE_LOGIN_"))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        String code = mint.apply(redirectUri);
        String cookies = sessionCookie == null ? cookie : cookie + "; " + sessionCookie;
        // the callback is requested at wegate itself, whatever public base URL redirect_uri names
        String callback = base + URI_PATH.matcher(redirectUri).replaceFirst("");
        Http.Answer cb = http.get(callback + "?code=" + enc(code) + "&state=" + state, Map.of("Cookie", cookies));
        String session = cb.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("WEGATE_SESSION=") || c.startsWith("__Host-WEGATE_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElse(null);
        return new BrowserLogin(cb, session);
    }

    private static final java.util.regex.Pattern URI_PATH = java.util.regex.Pattern.compile("^https?://[^/]+");

    /** The session's tokens, or the refusal: {@code POST /api/v1/session/token} with {@code sessionCookie}. */
    public Http.Answer sessionToken(String sessionCookie) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/session/token"))
                .header("Cookie", sessionCookie)
                .header("X-Requested-With", "test")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    /** The claims of a JWT, unverified (tests check what wegate put in). */
    public static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
    }

    /** The location the start of a browser flow redirects to. */
    public String startLocation(String startPath) {
        Http.Answer start = http.get(base + startPath);
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        return start.header("Location");
    }

    public Http.Answer postApi(String path, Map<String, Object> body) {
        return http.postJson(base + path, body);
    }

    public Http.Answer postApi(String path, String bearer, Map<String, Object> body) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body))));
    }

    public Http.Answer refresh(String refreshToken) {
        return http.postJson(base + "/api/v1/token/refresh", Map.of("refresh_token", refreshToken));
    }

    public Http.Answer me(String accessToken) {
        return http.get(base + "/api/v1/me", Map.of("Authorization", "Bearer " + accessToken));
    }

    /** {@code GET path} as the operator (HTTP Basic): health details, info, prometheus, upstreamquota. */
    /** A call of the admin API with the admin token; {@code body} null for GET/DELETE. */
    public Http.Answer admin(String method, String path, Object body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(
                        method,
                        body == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(
                                        Http.JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b);
    }

    public Http.Answer operator(String path) {
        return http.get(base + path, Map.of("Authorization", basic("operator", OPERATOR_PASSWORD)));
    }

    public static String basic(String username, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public long gettokenCalls() {
        Long n = sandbox.stats().get("/cgi-bin/gettoken");
        return n == null ? 0 : n;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
