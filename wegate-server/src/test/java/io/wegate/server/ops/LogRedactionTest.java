package io.wegate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Runs every kind of login, success and failure, with DEBUG logs, and looks for any secret it saw. */
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
                    .as("a secret of %d chars (or its first 16) reached the log", secret.length())
                    .doesNotContain(prefix);
        }
    }
}
