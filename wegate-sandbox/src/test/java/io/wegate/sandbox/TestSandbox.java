package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A sandbox on a random port with a frozen clock, plus a real HTTP client talking to it. */
final class TestSandbox implements AutoCloseable {

    /** 09:00 in Beijing, so a few hours of advancing stay within one quota day. */
    static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    static final String CORP_ID = "ww5a1d2e3f4b6c7d80";
    /** Created 2024: the 2022-06-20 privacy rule applies; sees the whole corp. */
    static final String NEW_APP = "1000002";
    /** Created 2021: full contact fields; sees only 研发部 (department 2). */
    static final String OLD_APP = "1000003";

    static final String TRUSTED_REDIRECT = "http://localhost:8080/callback";

    /** The WeCom mini program associated with {@link #NEW_APP}. */
    static final String WECOM_MINIPROGRAM = "wxeb15b2bc60d73446";

    static final String OFFICIAL_ACCOUNT = "wx5083cf6d8b711c4e";
    static final String WEBSITE = "wx596ba67ad9c4c8a6";
    /** Bound to the Open Platform: logins carry the unionid. */
    static final String MINIPROGRAM = "wx4378aa9a24a1f474";
    /** Not bound to the Open Platform: logins carry no unionid. */
    static final String MINIPROGRAM_UNBOUND = "wx22468857d868de82";

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([a-zA-Z_]+)\" value=\"([^\"]*)\">");
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Sandbox sandbox;
    final SandboxClock clock;

    private TestSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.clock = sandbox.clock();
    }

    static TestSandbox start() {
        return start(b -> b);
    }

    static TestSandbox start(UnaryOperator<Sandbox.Builder> customizer) {
        Sandbox.Builder builder = Sandbox.builder().clock(new SandboxClock(START, ZoneOffset.UTC));
        return new TestSandbox(customizer.apply(builder).start());
    }

    String secret(String agentId) {
        return sandbox.fixture().app(agentId).orElseThrow().secret();
    }

    JsonNode getJson(String pathAndQuery) {
        return json(send("GET", pathAndQuery, null));
    }

    JsonNode postJson(String path, String body) {
        return json(send("POST", path, body));
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header(
                    "Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        }
        try {
            return HTTP.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A fresh access token of the app, asserting gettoken succeeded. */
    String token(String agentId) {
        JsonNode body = getJson("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + secret(agentId));
        assertThat(body.get("errcode").asInt()).as(body.toString()).isZero();
        return body.get("access_token").asString();
    }

    /** A code minted through {@code POST /sandbox/codes}, as if the member had consented on the authorize page. */
    String code(String agentId, String userid, String scope) {
        return mint("{\"flow\":\"wecom-web\",\"agentid\":\"" + agentId + "\",\"userid\":\"" + userid + "\",\"scope\":\""
                + scope + "\"}");
    }

    String mint(String requestJson) {
        HttpResponse<String> response = send("POST", "/sandbox/codes", requestJson);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("code").asString();
    }

    JsonNode exchange(String token, String code) {
        return getJson("/cgi-bin/auth/getuserinfo?access_token=" + token + "&code=" + code);
    }

    /** The whole 201 body of {@code POST /sandbox/codes}. */
    JsonNode mintJson(String requestJson) {
        HttpResponse<String> response = send("POST", "/sandbox/codes", requestJson);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    String wechatSecret(String appid) {
        return sandbox.fixture().wechatApp(appid).orElseThrow().secret();
    }

    WeChatFixture.User wechatUser(String key) {
        return sandbox.fixture().wechatUser(key).orElseThrow();
    }

    /** {@code /sns/oauth2/access_token} with the app's own secret. */
    JsonNode snsExchange(String appid, String code) {
        return getJson("/sns/oauth2/access_token?appid=" + appid + "&secret=" + wechatSecret(appid) + "&code=" + code
                + "&grant_type=authorization_code");
    }

    /** {@code /sns/jscode2session} with the mini program's own secret. */
    JsonNode jscode2session(String appid, String jsCode) {
        return getJson("/sns/jscode2session?appid=" + appid + "&secret=" + wechatSecret(appid) + "&js_code=" + jsCode
                + "&grant_type=authorization_code");
    }

    /** A WeChat app token from {@code /cgi-bin/token}, asserting success. */
    String appToken(String appid) {
        JsonNode body = getJson(
                "/cgi-bin/token?grant_type=client_credential&appid=" + appid + "&secret=" + wechatSecret(appid));
        assertThat(body.has("access_token")).as(body.toString()).isTrue();
        return body.get("access_token").asString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Does what a browser does when a button of the page's form is clicked: posts the hidden fields plus the button. */
    HttpResponse<String> click(HttpResponse<String> page, String buttonName, String buttonValue) {
        Matcher action = FORM_ACTION.matcher(page.body());
        assertThat(action.find()).as(page.body()).isTrue();
        StringJoiner form = new StringJoiner("&");
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            String value = hidden.group(2)
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
            form.add(hidden.group(1) + "=" + encode(value));
        }
        form.add(buttonName + "=" + encode(buttonValue));
        return send("POST", action.group(1), form.toString());
    }

    /** The decoded query of a redirect's Location. */
    static Map<String, String> callbackQuery(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new LinkedHashMap<>();
        if (location.getRawQuery() == null) {
            return query;
        }
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }

    /** GET of a page with the given query parameters, URL-encoded in order. */
    HttpResponse<String> page(String path, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(k + "=" + encode(v)));
        return send("GET", path + "?" + query, null);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
