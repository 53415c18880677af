package io.wegate.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The browser flows, driven at the HTTP level without a browser (each login is its own cookie-less "browser"):
 *
 * <ol>
 *   <li>start: {@code GET /login/<flow>?return_to=/} answers 302 to the upstream page, with {@code state} and
 *       {@code redirect_uri} in its {@code Location} and a {@code WEGATE_LOGIN_…} binding cookie (timed, not the login);
 *   <li>the sandbox mints the code the upstream page would give for that redirect URI (the person, not timed);
 *   <li>login: {@code GET <redirect_uri>?code&state} with the binding cookie answers 302 to {@code /} with a
 *       {@code WEGATE_SESSION} cookie (timed: the login latency).
 * </ol>
 *
 * The callback is only called on the gateway's own origin or on a loopback address, like every other call.
 */
final class BrowserFlow implements LoginFlow {

    /** The login cookie is named after its state: {@code WEGATE_LOGIN_<first 12 of the state>}. */
    static final String BINDING_COOKIE = "WEGATE_LOGIN_";

    static final String SESSION_COOKIE = "WEGATE_SESSION";
    static final String RETURN_TO = "/";

    private final LoginFlowClient client;
    private final String name;
    private final String startPath;
    private final String appKey;
    private final String appValue;
    private final String userKey;
    private final String defaultScope;
    private final List<String> users;
    private final Set<String> checkedOrigins = ConcurrentHashMap.newKeySet();

    /**
     * @param name the flow, also the sandbox's code flow
     * @param startPath e.g. {@code /login/wecom-qr}
     * @param appKey {@code agentid} or {@code appid} in the sandbox body
     * @param userKey {@code userid} or {@code user} in the sandbox body
     * @param defaultScope the scope minted when the upstream URL names none; {@code null} for flows without a scope
     */
    private BrowserFlow(
            LoginFlowClient client,
            String name,
            String startPath,
            String appKey,
            String appValue,
            String userKey,
            String defaultScope,
            List<String> users) {
        this.client = client;
        this.name = name;
        this.startPath = startPath;
        this.appKey = appKey;
        this.appValue = appValue;
        this.userKey = userKey;
        this.defaultScope = defaultScope;
        this.users = users;
        for (String gateway : client.gateways()) {
            checkedOrigins.add(origin(URI.create(gateway)));
        }
    }

    /** {@code wecom-web}: WeCom's in-client web OAuth. */
    static BrowserFlow wecomWeb(LoginFlowClient client, String agentId, List<String> userids) {
        return new BrowserFlow(
                client, LoginFlows.WECOM_WEB, "/login/wecom", "agentid", agentId, "userid", "snsapi_base", userids);
    }

    /** {@code wecom-qr}: WeCom's QR login for desktop browsers. */
    static BrowserFlow wecomQr(LoginFlowClient client, String agentId, List<String> userids) {
        return new BrowserFlow(
                client, LoginFlows.WECOM_QR, "/login/wecom-qr", "agentid", agentId, "userid", null, userids);
    }

    /** {@code wechat-mp}: the official account's web OAuth inside WeChat. */
    static BrowserFlow wechatMp(LoginFlowClient client, String appId, List<String> userKeys) {
        return new BrowserFlow(
                client, LoginFlows.WECHAT_MP, "/login/wechat-mp", "appid", appId, "user", "snsapi_userinfo", userKeys);
    }

    /** {@code wechat-open}: the Open Platform website QR login. */
    static BrowserFlow wechatOpen(LoginFlowClient client, String appId, List<String> userKeys) {
        return new BrowserFlow(
                client, LoginFlows.WECHAT_OPEN, "/login/wechat-open", "appid", appId, "user", null, userKeys);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String startStep() {
        return "GET " + startPath;
    }

    @Override
    public String loginStep() {
        return "GET " + startPath + "/callback";
    }

    @Override
    public String app() {
        return appKey + " " + appValue;
    }

    @Override
    public String appTokenPath() {
        return LoginFlows.isWeCom(name) ? LoginFlows.WECOM_TOKEN_PATH : null;
    }

    @Override
    public List<String> users() {
        return users;
    }

    @Override
    public void start(LoginAttempt attempt) {
        URI uri = URI.create(
                client.gateway(attempt.startInstance) + startPath + "?return_to=" + LoginFlowClient.encode(RETURN_TO));
        long start = System.nanoTime();
        LoginFlowClient.Reply reply =
                client.send(client.get(uri).header("Accept", "text/html").build(), attempt, LoginFlowClient.STEP_START);
        long elapsed = System.nanoTime() - start;
        if (reply == null) {
            return;
        }
        if (reply.status() != 302) {
            attempt.fail(LoginFlowClient.STEP_START, Integer.toString(reply.status()), reply.body());
            return;
        }
        String location = reply.headers().firstValue("location").orElse("");
        Map<String, String> query;
        try {
            query = query(location);
        } catch (IllegalArgumentException e) {
            attempt.fail(LoginFlowClient.STEP_START, "302 with a malformed Location", location);
            return;
        }
        String state = query.get("state");
        String redirectUri = query.get("redirect_uri");
        Optional<String> binding = cookie(reply.headers(), BINDING_COOKIE);
        if (state == null || redirectUri == null || binding.isEmpty()) {
            attempt.fail(
                    LoginFlowClient.STEP_START,
                    "302 without state, redirect_uri or " + BINDING_COOKIE,
                    "Location: " + location + ", Set-Cookie: " + reply.headers().allValues("set-cookie"));
            return;
        }
        String refused = refusedCallback(redirectUri);
        if (refused != null) {
            attempt.fail(LoginFlowClient.STEP_START, "redirect_uri not on this machine", refused);
            return;
        }
        attempt.state = state;
        attempt.redirectUri = redirectUri;
        attempt.scope = query.get("scope");
        attempt.bindingCookie = binding.get();
        attempt.startNanos = elapsed;
    }

    @Override
    public void mint(LoginAttempt attempt) {
        ObjectNode body = client.object()
                .put("flow", name)
                .put(appKey, appValue)
                .put(userKey, attempt.user)
                .put("redirect_uri", attempt.redirectUri);
        if (defaultScope != null) {
            body.put("scope", attempt.scope != null ? attempt.scope : defaultScope);
        }
        attempt.code = client.mintCode(attempt, LoginFlowClient.STEP_CODE, body);
    }

    @Override
    public void login(LoginAttempt attempt) {
        String callback = onInstance(
                attempt.redirectUri, client.gateway(attempt.startInstance), client.gateway(attempt.loginInstance));
        String separator = callback.contains("?") ? "&" : "?";
        URI uri = URI.create(callback + separator + "code=" + LoginFlowClient.encode(attempt.code) + "&state="
                + LoginFlowClient.encode(attempt.state));
        long start = System.nanoTime();
        LoginFlowClient.Reply reply = client.send(
                client.get(uri)
                        .header("Accept", "text/html")
                        .header("Cookie", attempt.bindingCookie)
                        .build(),
                attempt,
                LoginFlowClient.STEP_LOGIN);
        long elapsed = System.nanoTime() - start;
        if (reply == null) {
            return;
        }
        if (reply.status() != 302) {
            attempt.fail(LoginFlowClient.STEP_LOGIN, Integer.toString(reply.status()), reply.body());
            return;
        }
        String location = reply.headers().firstValue("location").orElse("");
        if (cookie(reply.headers(), SESSION_COOKIE).isEmpty() || !location.equals(RETURN_TO)) {
            attempt.fail(
                    LoginFlowClient.STEP_LOGIN,
                    "302 without " + SESSION_COOKIE + " or not to " + RETURN_TO,
                    "Location: " + location + ", Set-Cookie: " + reply.headers().allValues("set-cookie"));
            return;
        }
        attempt.loginNanos = elapsed;
        attempt.succeeded = true;
    }

    /**
     * The callback {@code redirectUri} moved from the origin of gateway instance {@code from} to that of instance
     * {@code to} ({@code --cross-instance}); unchanged when both are the same instance or the callback is on another
     * origin (for example a public base URL in front of the cluster).
     */
    static String onInstance(String redirectUri, String from, String to) {
        if (from.equals(to)) {
            return redirectUri;
        }
        String fromOrigin = origin(URI.create(from));
        if (!redirectUri.equals(fromOrigin) && !redirectUri.startsWith(fromOrigin + "/")) {
            return redirectUri;
        }
        return origin(URI.create(to)) + redirectUri.substring(fromOrigin.length());
    }

    /** {@code null} when {@code redirectUri} is on the gateway's origin or a loopback address, else why not. */
    private String refusedCallback(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (java.net.URISyntaxException e) {
            return "not a URI: " + redirectUri;
        }
        String origin = origin(uri);
        if (checkedOrigins.contains(origin)) {
            return null;
        }
        try {
            DriverOptions.requireLoopback("redirect_uri", uri);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        checkedOrigins.add(origin);
        return null;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** The decoded query parameters of {@code url} (the fragment, such as {@code #wechat_redirect}, left out). */
    static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(
                    URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** {@code name=value} of the cookie {@code name} set by the response, if it sets one with a value. */
    static Optional<String> cookie(HttpHeaders headers, String name) {
        for (String header : headers.allValues("set-cookie")) {
            int semicolon = header.indexOf(';');
            String pair = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
            int eq = pair.indexOf('=');
            String cookieName = eq < 0 ? pair : pair.substring(0, eq);
            // a name ending in '_' is a prefix (the login cookie); anything else must match exactly
            boolean named = name.endsWith("_") ? cookieName.startsWith(name) : cookieName.equals(name);
            if (named && eq >= 0 && pair.length() > eq + 1) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }
}
