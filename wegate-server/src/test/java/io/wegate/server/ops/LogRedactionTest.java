package io.wegate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Runs every kind of login, success and failure, and requests no client should send, with DEBUG logs, and looks for
 * any secret it saw, for log lines an attacker forged, and for requests that cost more than one line.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "logging.level.io.wegate=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.security=DEBUG"
        })
class LogRedactionTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Test
    void logsWhenLoginsSucceedAndFailThenNoCodeStateTokenOrSecretAppears(CapturedOutput output) {
        Gateway gateway = new Gateway(port, sandbox);
        List<String> secrets = new ArrayList<>();
        secrets.add(sandbox.fixture().apps().get(0).secret());

        // API flow: success, then the same code replayed
        String code = gateway.code("zhangsan");
        String state = gateway.newState();
        secrets.add(code);
        secrets.add(state);
        JsonNode tokens = gateway.login(code, state).json();
        secrets.add(tokens.get("access_token").asString());
        secrets.add(tokens.get("refresh_token").asString());
        String replayState = gateway.newState();
        secrets.add(replayState);
        assertThat(gateway.login(code, replayState).status()).isEqualTo(400);

        // refresh, reuse, me, logout
        JsonNode rotated =
                gateway.refresh(tokens.get("refresh_token").asString()).json();
        secrets.add(rotated.get("access_token").asString());
        secrets.add(rotated.get("refresh_token").asString());
        gateway.refresh(tokens.get("refresh_token").asString());
        gateway.me(rotated.get("access_token").asString());
        gateway.http()
                .postJson(
                        gateway.base() + "/api/v1/logout",
                        Map.of("refresh_token", rotated.get("refresh_token").asString()));

        // browser callback: code and state in the query string
        Http.Answer start = gateway.http().get(gateway.base() + "/login/wecom?return_to=/");
        String browserState = start.header("Location").replaceAll(".*[?&]state=([A-Za-z0-9]+).*", "$1");
        String cookie = start.headers("Set-Cookie").get(0);
        String cookieName = cookie.substring(0, cookie.indexOf('='));
        String binding = cookie.substring(cookieName.length() + 1, cookie.indexOf(';'));
        String browserCode = gateway.code("lisi");
        secrets.add(browserState);
        secrets.add(binding);
        secrets.add(browserCode);
        gateway.http()
                .get(
                        gateway.base() + "/login/wecom/callback?code=" + browserCode + "&state=" + browserState,
                        Map.of("Cookie", cookieName + "=" + binding));

        // upstream failure with a stack trace in the log
        gateway.http()
                .postJson(
                        sandbox.baseUrl() + "/sandbox/faults",
                        Map.of("type", "errcode", "path", "/cgi-bin/auth/getuserinfo", "errcode", -1, "count", 10));
        String failing = gateway.code("wangwu");
        secrets.add(failing);
        assertThat(gateway.login(failing, gateway.newState()).status()).isEqualTo(502);
        sandbox.clearFaults();

        // the WeChat flows: mini program with a phone code, a link ticket, the website QR login
        var mini = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == io.wegate.sandbox.WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow();
        var website = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == io.wegate.sandbox.WeChatFixture.Kind.WEBSITE)
                .findFirst()
                .orElseThrow();
        String jsCode = gateway.mint(Map.of("flow", "wechat-miniprogram", "appid", mini.appid(), "user", "amy"))
                .get("code")
                .asString();
        String phoneCode = gateway.mint(Map.of("flow", "wechat-phone", "appid", mini.appid(), "user", "amy"))
                .get("code")
                .asString();
        // a live login asks for the ticket (the rotated one above was logged out)
        JsonNode live = gateway.loginAs("zhaoliu");
        secrets.add(live.get("access_token").asString());
        secrets.add(live.get("refresh_token").asString());
        String ticket = gateway.postApi(
                        "/api/v1/me/link-ticket", live.get("access_token").asString(), Map.of())
                .json()
                .get("link_ticket")
                .asString();
        secrets.add(jsCode);
        secrets.add(phoneCode);
        secrets.add(ticket);
        JsonNode miniLogin = gateway.postApi(
                        "/api/v1/login/wechat-miniprogram", Map.of("code", jsCode, "phone_code", phoneCode))
                .json();
        secrets.add(miniLogin.get("access_token").asString());
        secrets.add(miniLogin.get("refresh_token").asString());
        assertThat(gateway.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", jsCode))
                        .status())
                .isEqualTo(400);
        String[] websiteCode = new String[1];
        gateway.browserLogin(
                "/login/wechat-open?return_to=/",
                r -> websiteCode[0] = gateway.mint(Map.of(
                                "flow", "wechat-open", "appid", website.appid(), "user", "xiaoming", "redirect_uri", r))
                        .get("code")
                        .asString());
        secrets.add(websiteCode[0]);
        secrets.add(website.secret());
        secrets.add(mini.secret());

        // OpenID Connect: the demo client's code flow, refresh and UserInfo, with the browser's session
        Gateway.BrowserLogin browser =
                gateway.browserLogin("/login/wecom?return_to=/", r -> gateway.code("wangwu", "snsapi_base", r));
        secrets.add(browser.sessionCookie().substring(browser.sessionCookie().indexOf('=') + 1));
        String verifier = Gateway.newVerifier();
        String redirect = "http://localhost:8090/login/oauth2/code/wegate";
        String authorized = gateway.http()
                .get(
                        gateway.base() + "/oauth2/authorize?response_type=code&client_id=wegate-demo&scope=openid"
                                + "&state=oidc-state-0123456789&nonce=oidc-nonce-0123456789&redirect_uri="
                                + Gateway.enc(redirect) + "&code_challenge=" + Gateway.challenge(verifier)
                                + "&code_challenge_method=S256",
                        Map.of("Cookie", browser.sessionCookie()))
                .header("Location");
        String oidcCode = authorized.replaceAll(".*[?&]code=([^&]+).*", "$1");
        secrets.add(oidcCode);
        secrets.add(verifier);
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(
                                "wegate-demo:wegate-demo-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        secrets.add("wegate-demo-secret");
        secrets.add(basic.substring(6));
        JsonNode oidc = gateway.http()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                                + oidcCode + "&redirect_uri=" + Gateway.enc(redirect) + "&code_verifier=" + verifier)))
                .json();
        for (String t : new String[] {"access_token", "refresh_token", "id_token"}) {
            secrets.add(oidc.get(t).asString());
        }
        JsonNode refreshed = gateway.http()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "grant_type=refresh_token&client_id=wegate-demo&client_secret=wegate-demo-secret"
                                        + "&refresh_token="
                                        + oidc.get("refresh_token").asString())))
                .json();
        secrets.add(refreshed.get("access_token").asString());
        secrets.add(refreshed.get("refresh_token").asString());
        assertThat(gateway.http()
                        .get(
                                gateway.base() + "/userinfo",
                                Map.of(
                                        "Authorization",
                                        // the refresh replaced the first access token
                                        "Bearer "
                                                + refreshed.get("access_token").asString()))
                        .status())
                .isEqualTo(200);

        // the upstream access token the gateway holds: the sandbox hands out the same one while valid
        String upstreamToken = gateway.http()
                .get(sandbox.baseUrl() + "/cgi-bin/gettoken?corpid="
                        + sandbox.fixture().corpId() + "&corpsecret="
                        + sandbox.fixture().apps().get(0).secret())
                .json()
                .get("access_token")
                .asString();
        secrets.add(upstreamToken);

        String logs = output.getAll();
        assertThat(logs).contains("DEBUG").contains("/login/wecom/callback");
        for (String secret : secrets) {
            // a prefix too: frameworks truncate long values, and a prefix still identifies a token
            String prefix = secret.substring(0, Math.min(secret.length(), 16));
            assertThat(logs)
                    .as(
                            "secret #%d (%d chars, or its first 16) reached the log",
                            secrets.indexOf(secret), secret.length())
                    .doesNotContain(prefix);
        }
    }

    /** How a request is refused, and so how many log lines it may cost. */
    enum Kind {
        /** Refused by wegate before anything parses it: one line at most, whatever the log level. */
        MALFORMED,
        /** Well-formed, refused by a login rule: one line at most at INFO and above (DEBUG adds the frameworks'). */
        REFUSED,
        /** Refused by Tomcat while reading the request line: its own notice, once a day; never forged or in clear. */
        UNPARSEABLE,
        /** The upstream failed, quoting attacker text in its errmsg: a WARN with a stack trace, but nothing forged. */
        UPSTREAM_FAILURE
    }

    /** One request built around a secret code {@code C} and a forged log line's text {@code F}. */
    record Attack(String name, Kind kind, Function<Payload, byte[]> request) {}

    record Payload(String code, String forged, String requestId, int port) {
        /** What an attacker appends after an encoded line break: the start of a line of their own. */
        String line() {
            return forged + "%20INFO%20%5Bx%5D%20io.wegate.server.Admin%20-%20operator%20granted";
        }

        byte[] get(String target) {
            return ("GET " + target.replace("{C}", code).replace("{F}", line()) + " HTTP/1.1\r\nHost: localhost:" + port
                            + "\r\nX-Request-Id: " + requestId + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        byte[] get(String target, String header) {
            return ("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + header.replace("{C}", code)
                            + "\r\nX-Request-Id: " + requestId + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        /** {@code json} with {@code {C}} the code and {@code {F}} the forged line's text, as sent: not escaped. */
        byte[] post(String path, String json) {
            byte[] body = json.replace("{C}", code).replace("{F}", forged).getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nX-Request-Id: " + requestId + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }

        byte[] raw(String target) {
            return ("GET " + target.replace("{C}", code).replace("{F}", forged) + " HTTP/1.1\r\nHost: localhost:" + port
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    List<Attack> attacks() {
        return List.of(
                // malformed percent-escapes, encoded line breaks and control characters in every parameter
                new Attack("bad hex", Kind.MALFORMED, p -> p.get("/login/wecom/callback?code={C}%zz&state=x")),
                new Attack("not UTF-8", Kind.MALFORMED, p -> p.get("/login/wecom/callback?code={C}%FF&state=x")),
                new Attack("lone percent", Kind.MALFORMED, p -> p.get("/login/wecom/callback?code={C}%&state=x")),
                new Attack(
                        "CR LF in code", Kind.MALFORMED, p -> p.get("/login/wecom/callback?code={C}%0d%0a{F}&state=x")),
                new Attack(
                        "CR LF in state",
                        Kind.MALFORMED,
                        p -> p.get("/login/wecom/callback?code=x&state={C}%0d%0a{F}")),
                new Attack("CR LF in return_to", Kind.MALFORMED, p -> p.get("/login/wecom?return_to=/{C}%0d%0a{F}")),
                new Attack(
                        "LF in redirect_uri",
                        Kind.MALFORMED,
                        p -> p.get("/api/v1/login/wecom/authorize-url?redirect_uri=https%3A%2F%2Fspa.example.com%2F{C}"
                                + "%0a{F}")),
                new Attack(
                        "CR in a WeChat code",
                        Kind.MALFORMED,
                        p -> p.get("/login/wechat-open/callback?code={C}%0d{F}&state=x")),
                new Attack(
                        "terminal escapes",
                        Kind.MALFORMED,
                        p -> p.get("/login/wecom/callback?code={C}%1b%5b2J%1b%5bH{F}&state=x")),
                new Attack("NUL", Kind.MALFORMED, p -> p.get("/login/wecom/callback?code={C}%00{F}&state=x")),
                new Attack("next line (C1)", Kind.MALFORMED, p -> p.get("/login/wecom/callback?code={C}%C2%85{F}")),
                new Attack("CR LF in the path", Kind.MALFORMED, p -> p.get("/login/wecom/callback%0d%0a{F}?code={C}")),
                new Attack(
                        "several at once",
                        Kind.MALFORMED,
                        p -> p.get("/api/v1/login/wecom/authorize-url?redirect_uri=%zz&app={C}%0a{F}&x=%FF")),
                // well-formed, but refused: what the refusal logs must not quote the values either
                new Attack(
                        "line separators in code and state",
                        Kind.REFUSED,
                        p -> p.get("/login/wecom/callback?code={C}%E2%80%A8{F}&state={C}%E2%80%A9{F}")),
                new Attack(
                        "right-to-left override in return_to",
                        Kind.REFUSED,
                        p -> p.get("/login/wecom?return_to=https%3A%2F%2Fevil.example%2F%E2%80%AE{F}")),
                new Attack(
                        "line separator in redirect_uri",
                        Kind.REFUSED,
                        p -> p.get("/api/v1/login/wecom/authorize-url?redirect_uri=https%3A%2F%2Fevil.example%2F"
                                + "%E2%80%A8{F}")),
                new Attack(
                        "CR LF escaped in JSON",
                        Kind.REFUSED,
                        p -> p.post("/api/v1/login/wecom", "{\"code\":\"{C}\\r\\n{F}\",\"state\":\"{C}\\r\\n{F}\"}")),
                new Attack(
                        "duplicate key",
                        Kind.REFUSED,
                        p -> p.post("/api/v1/login/wecom", "{\"code\":\"{C}\\n{F}\",\"code\":\"b\",\"state\":\"x\"}")),
                new Attack(
                        "raw CR LF inside a JSON string",
                        Kind.REFUSED,
                        p -> p.post("/api/v1/login/wecom", "{\"code\":\"{C}\r\n{F}\",\"state\":\"x\"}")),
                new Attack(
                        "line separator in a refresh token",
                        Kind.REFUSED,
                        p -> p.post("/api/v1/token/refresh", "{\"refresh_token\":\"{C}\u2028{F}\"}")),
                new Attack(
                        "CR LF in a mini-program code",
                        Kind.REFUSED,
                        p -> p.post("/api/v1/login/wechat-miniprogram", "{\"code\":\"{C}\\r\\n{F}\"}")),
                new Attack(
                        "a bearer token that is not one",
                        Kind.REFUSED,
                        p -> p.get("/api/v1/me", "Authorization: Bearer {C}.eyJhbGciOiJub25lIn0.x")),
                // raw control characters: Tomcat refuses the request line itself
                new Attack(
                        "raw control character",
                        Kind.UNPARSEABLE,
                        p -> p.raw("/login/wecom/callback?code={C}\u0001{F}&state=x")),
                new Attack(
                        "raw terminal escape",
                        Kind.UNPARSEABLE,
                        p -> p.raw("/login/wecom/callback?code={C}\u001b[31m{F}&state=x")),
                new Attack(
                        "raw CR LF", Kind.UNPARSEABLE, p -> p.raw("/login/wecom/callback?code={C}\r\n{F} INFO forged")),
                // an upstream (or whatever answers in its place) that echoes a line break into errmsg
                new Attack("CR LF in an upstream errmsg", Kind.UPSTREAM_FAILURE, p -> {
                    Gateway g = new Gateway(port, sandbox);
                    g.http()
                            .postJson(
                                    sandbox.baseUrl() + "/sandbox/faults",
                                    Map.of(
                                            "type",
                                            "errcode",
                                            "path",
                                            "/cgi-bin/auth/getuserinfo",
                                            "errcode",
                                            -1,
                                            "errmsg",
                                            "system busy\r\n" + p.forged() + " INFO io.wegate.server.Admin - granted",
                                            "count",
                                            10));
                    return p.post("/api/v1/login/wecom", "{\"code\":\"{C}\",\"state\":\"" + g.newState() + "\"}");
                }));
    }

    @Test
    void logsWhenRequestsMalformedOrRefusedThenOneLineEachNoForgedLineAndNoCode(CapturedOutput output) {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        SecureRandom random = new SecureRandom();
        List<Payload> sent = new ArrayList<>();
        try {
            List<Attack> attacks = attacks();
            for (int i = 0; i < attacks.size(); i++) {
                Attack attack = attacks.get(i);
                byte[] bytes = new byte[6];
                random.nextBytes(bytes);
                String tag = HexFormat.of().formatHex(bytes);
                Payload p = new Payload("LOGCODE" + i + "x" + tag, "FORGED" + i + "x", "attack-" + i + "-" + tag, port);
                sent.add(p);
                int before;
                synchronized (events) {
                    before = events.list.size();
                }

                RawHttp.Answer a = RawHttp.send(port, attack.request().apply(p));

                if (attack.kind() != Kind.UNPARSEABLE) {
                    // answered by wegate (it echoes the request id), not refused by Tomcat before it
                    assertThat(a.status())
                            .as(attack.name())
                            .isBetween(400, attack.kind() == Kind.UPSTREAM_FAILURE ? 502 : 499);
                    assertThat(a.header("X-Request-Id")).as(attack.name()).isEqualTo(p.requestId());
                }
                if (attack.kind() == Kind.MALFORMED) {
                    assertThat(a.body()).as(attack.name()).contains("invalid_request");
                }
                List<ILoggingEvent> caused = caused(events, before, p);
                List<ILoggingEvent> counted = switch (attack.kind()) {
                    case MALFORMED -> caused;
                    case REFUSED ->
                        caused.stream()
                                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                                .toList();
                    case UNPARSEABLE, UPSTREAM_FAILURE -> List.of();
                };
                assertThat(counted)
                        .as("%s: at most one log line, without a stack trace", attack.name())
                        .hasSizeLessThanOrEqualTo(1)
                        .allMatch(e -> e.getThrowableProxy() == null);
            }
        } finally {
            root.detachAppender(events);
            sandbox.clearFaults();
        }

        String logs = output.getAll();
        assertThat(logs).contains("refused: invalid_request");
        for (String line : logs.split("\n", -1)) {
            for (Payload p : sent) {
                assertThat(line.stripLeading())
                        .as("a line starts with attacker text")
                        .doesNotStartWith(p.forged());
            }
            assertThat(line)
                    .as("a control character reached the log")
                    .doesNotContainPattern("[\\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069&&[^\\t]]");
        }
        for (Payload p : sent) {
            assertThat(logs).as("a code reached the log in clear").doesNotContain(p.code());
        }
    }

    /** The events a request caused: tagged with its id, or quoting its code or forged text (Tomcat's, untagged). */
    private static List<ILoggingEvent> caused(ListAppender<ILoggingEvent> events, int from, Payload p) {
        List<ILoggingEvent> snapshot;
        synchronized (events) {
            snapshot = List.copyOf(events.list.subList(from, events.list.size()));
        }
        return snapshot.stream()
                .filter(e -> p.requestId().equals(e.getMDCPropertyMap().get("request_id"))
                        || e.getFormattedMessage().contains(p.code())
                        || e.getFormattedMessage().contains(p.forged()))
                .toList();
    }
}
