package io.wegate.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a browser does at wegate for the drivers, over plain HTTP: a WeCom QR login through wegate with the sandbox
 * scanning (the {@code WEGATE_SESSION} cookie), and an authorization code from {@code /oauth2/authorize} with a
 * session (PKCE S256 with {@link #VERIFIER}). Shared by {@link OidcTokenLoadDriver} and
 * {@link OffboardingLoadDriver}.
 */
final class WegateBrowser {

    /** One PKCE verifier for every code (S256, as Spring Security's client sends by default); not what is measured. */
    static final String VERIFIER = "bench-verifier-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG";

    static final String CHALLENGE = challenge(VERIFIER);

    private final HttpClient http;
    private final URI issuer;
    private final URI sandbox;
    private final JsonMapper json = JsonMapper.builder().build();

    WegateBrowser(HttpClient http, URI issuer, URI sandbox) {
        this.http = http;
        this.issuer = issuer;
        this.sandbox = sandbox;
    }

    /** A WeCom QR login of {@code userid} through wegate (the sandbox scans): the WEGATE_SESSION cookie. */
    String qrLogin(String userid) throws Exception {
        HttpResponse<String> start = http.send(
                HttpRequest.newBuilder(URI.create(issuer + "/login/wecom-qr?return_to=%2F"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = start.headers().firstValue("location").orElse("");
        Map<String, String> q = BrowserFlow.query(location);
        String binding = cookie(start, BrowserFlow.BINDING_COOKIE);
        if (start.statusCode() != 302 || q.get("state") == null || binding == null) {
            throw new IllegalStateException("wegate login start: " + start.statusCode() + " " + location);
        }
        String mint = json.writeValueAsString(Map.of(
                "flow",
                "wecom-qr",
                "agentid",
                q.get("agentid"),
                "userid",
                userid,
                "redirect_uri",
                q.get("redirect_uri")));
        HttpResponse<String> minted = http.send(
                HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/codes"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(mint))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (minted.statusCode() != 201) {
            throw new IllegalStateException("sandbox code: " + minted.statusCode() + " " + minted.body());
        }
        String code = json.readTree(minted.body()).get("code").asString();
        String callback = q.get("redirect_uri");
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(callback + (callback.contains("?") ? "&" : "?") + "code=" + enc(code)
                                + "&state=" + enc(q.get("state"))))
                        .header("Cookie", binding)
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String session = cookie(login, BrowserFlow.SESSION_COOKIE);
        if (login.statusCode() != 302 || session == null) {
            throw new IllegalStateException("wegate login: " + login.statusCode() + " " + login.body());
        }
        return session;
    }

    /** An authorization code for {@code clientId} with the browser session {@code cookie} (no consent page). */
    String authorizationCode(String cookie, String clientId, String redirectUri, String scope, String state)
            throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/authorize?response_type=code&client_id="
                        + enc(clientId) + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(scope) + "&state="
                        + enc(state) + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256"))
                .header("Cookie", cookie)
                .GET()
                .build();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("location").orElse("");
        String code = BrowserFlow.query(location).get("code");
        if (answer.statusCode() != 302 || code == null) {
            throw new IllegalStateException("authorize: " + answer.statusCode() + " " + location + " " + answer.body());
        }
        return code;
    }

    static String cookie(HttpResponse<?> r, String namePrefix) {
        for (String header : r.headers().allValues("set-cookie")) {
            String pair = header.split(";", 2)[0];
            if (pair.startsWith(namePrefix)) {
                return pair;
            }
        }
        return null;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
