package io.wegate.client.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.client.ErrorClass;
import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeChat client against the sandbox, over real HTTP. */
class WeChatClientTest {

    static Sandbox sandbox;
    static WeChatApp oa;
    static WeChatApp website;
    static WeChatApp mini;
    static WeChatFixture.User user;

    WeChatClient client;

    static WeChatApp app(WeChatFixture.Kind kind) {
        WeChatFixture.App a = sandbox.fixture().wechatApps().stream()
                .filter(x -> x.kind() == kind && x.unionidBound())
                .findFirst()
                .orElseThrow();
        return new WeChatApp(a.appid(), a.secret());
    }

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().start();
        oa = app(WeChatFixture.Kind.OFFICIAL_ACCOUNT);
        website = app(WeChatFixture.Kind.WEBSITE);
        mini = app(WeChatFixture.Kind.MINIPROGRAM);
        user = sandbox.fixture().wechatUser("xiaoming").orElseThrow();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        client = WeChatClient.builder()
                .apiBaseUrl(sandbox.baseUrl())
                .clock(sandbox.clock())
                .sleeper(d -> {})
                .build();
    }

    private static String code(String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/codes"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body().replaceAll(".*\"code\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static String mpCode(String scope) throws Exception {
        return code("{\"flow\":\"wechat-mp\",\"appid\":\"" + oa.appId() + "\",\"user\":\"" + user.key()
                + "\",\"scope\":\"" + scope + "\"}");
    }

    @Test
    void exchangeCodeWhenUserinfoScopeThenOpenidUnionidAndProfile() throws Exception {
        WeChatOAuthToken token = client.oauth().exchangeCode(oa, mpCode("snsapi_userinfo"));

        assertThat(token.openId()).isEqualTo(user.openidFor(oa.appId()));
        assertThat(token.unionId()).isEqualTo(user.unionid());
        assertThat(token.snapshotUser()).isFalse();
        WeChatUserInfo info = client.oauth().userInfo(token.accessToken(), token.openId());
        assertThat(info.nickname()).isEqualTo(user.nickname());
        assertThat(client.oauth().isValid(token.accessToken(), token.openId())).isTrue();
        assertThat(token.toString()).doesNotContain(token.accessToken()).doesNotContain(token.refreshToken());
    }

    @Test
    void exchangeCodeWhenBaseScopeThenNoUnionidAndUserinfoRefusedWith48001() throws Exception {
        WeChatOAuthToken token = client.oauth().exchangeCode(oa, mpCode("snsapi_base"));
        assertThat(token.unionId()).isNull();
        assertThatThrownBy(() -> client.oauth().userInfo(token.accessToken(), token.openId()))
                .isInstanceOfSatisfying(WeChatException.class, e -> {
                    assertThat(e.known()).isEqualTo(WeChatErrcode.API_UNAUTHORIZED);
                    assertThat(e.requestIdHint()).isNotBlank();
                });
    }

    @Test
    void exchangeCodeWhenUsedTwiceThen40163AsARejectedLoginCode() throws Exception {
        String code = mpCode("snsapi_userinfo");
        client.oauth().exchangeCode(oa, code);
        assertThatThrownBy(() -> client.oauth().exchangeCode(oa, code))
                .isInstanceOfSatisfying(WeChatException.class, e -> {
                    assertThat(e.errcode()).hasValue(40163);
                    assertThat(e.isLoginCodeRejected()).isTrue();
                    assertThat(e.getMessage()).doesNotContain(code);
                });
    }

    @Test
    void refreshWhenRefreshTokenValidThenNewTokenForTheSameUser() throws Exception {
        WeChatOAuthToken token = client.oauth().exchangeCode(oa, mpCode("snsapi_userinfo"));
        WeChatOAuthToken refreshed = client.oauth().refresh(oa, token.refreshToken());
        assertThat(refreshed.openId()).isEqualTo(token.openId());
    }

    @Test
    void websiteCodeWhenExchangedThenUnionid() throws Exception {
        String code = code(
                "{\"flow\":\"wechat-open\",\"appid\":\"" + website.appId() + "\",\"user\":\"" + user.key() + "\"}");
        assertThat(client.oauth().exchangeCode(website, code).unionId()).isEqualTo(user.unionid());
    }

    @Test
    void code2SessionWhenValidThenOpenidSessionKeyAndUnionid() throws Exception {
        String js = code(
                "{\"flow\":\"wechat-miniprogram\",\"appid\":\"" + mini.appId() + "\",\"user\":\"" + user.key() + "\"}");
        WeChatMiniProgramSession s = client.miniProgram().code2Session(mini, js);
        assertThat(s.openId()).isEqualTo(user.openidFor(mini.appId()));
        assertThat(s.unionId()).isEqualTo(user.unionid());
        assertThat(java.util.Base64.getDecoder().decode(s.sessionKey())).hasSize(16);
        assertThat(s.toString()).doesNotContain(s.sessionKey());
    }

    @Test
    void code2SessionWhenSecretWrongThenConfigurationError() throws Exception {
        String js = code(
                "{\"flow\":\"wechat-miniprogram\",\"appid\":\"" + mini.appId() + "\",\"user\":\"" + user.key() + "\"}");
        assertThatThrownBy(() -> client.miniProgram().code2Session(new WeChatApp(mini.appId(), "0".repeat(32)), js))
                .isInstanceOfSatisfying(
                        WeChatException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CONFIGURATION_ERROR));
    }

    @Test
    void phoneNumberWhenFiftyConcurrentOnColdCacheThenOneStableTokenCall() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            codes.add(code(
                    "{\"flow\":\"wechat-phone\",\"appid\":\"" + mini.appId() + "\",\"user\":\"" + user.key() + "\"}"));
        }
        long before = sandbox.stats().getOrDefault("/cgi-bin/stable_token", 0L);
        List<Future<WeChatPhoneNumber>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String c : codes) {
                results.add(pool.submit(() -> client.miniProgram().phoneNumber(mini, c, null)));
            }
            for (Future<WeChatPhoneNumber> f : results) {
                assertThat(f.get().purePhoneNumber()).isEqualTo(user.phone());
            }
        }
        assertThat(sandbox.stats().get("/cgi-bin/stable_token") - before).isEqualTo(1);
    }

    @Test
    void phoneNumberWhenAppTokenInvalidatedEarlyThenOneRefreshAndSuccess() throws Exception {
        client.accessToken(mini);
        long before = sandbox.stats().getOrDefault("/cgi-bin/stable_token", 0L);
        sandbox.invalidateTokens();
        String c =
                code("{\"flow\":\"wechat-phone\",\"appid\":\"" + mini.appId() + "\",\"user\":\"" + user.key() + "\"}");
        assertThat(client.miniProgram().phoneNumber(mini, c, null).phoneNumber())
                .isNotBlank();
        assertThat(sandbox.stats().get("/cgi-bin/stable_token") - before).isEqualTo(1);
    }

    @Test
    void accessTokenWhenInsideTheMarginThenRefetchedFromStableToken() {
        client.accessToken(mini);
        long before = sandbox.stats().getOrDefault("/cgi-bin/stable_token", 0L);
        sandbox.clock().advance(Duration.ofSeconds(7200 - 299));
        client.accessToken(mini);
        assertThat(sandbox.stats().get("/cgi-bin/stable_token") - before).isEqualTo(1);
    }
}
