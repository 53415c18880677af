package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@GatewayTest
class WeComApiLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    @Autowired
    MovableClock clock;

    Gateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port, sandbox);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        sandbox.clearFaults();
    }

    @Test
    void loginWhenCodeAndStateValidThenTokensAndAccount() {
        JsonNode r = gateway.loginAs("zhangsan");

        assertThat(r.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(r.get("expires_in").asLong()).isEqualTo(900);
        assertThat(r.get("refresh_token").asString()).hasSize(43);
        assertThat(r.get("account").get("display_name").asString()).isEqualTo("张三");
        JsonNode identity = r.get("account").get("identities").get(0);
        assertThat(identity.get("provider").asString()).isEqualTo("wecom");
        assertThat(identity.get("tenant_id").asString())
                .isEqualTo(sandbox.fixture().corpId());
        assertThat(identity.get("subject").asString()).isEqualTo("zhangsan");
    }

    @Test
    void loginWhenSameMemberAgainThenSameAccount() {
        String first = gateway.loginAs("lisi").get("account").get("id").asString();
        String second = gateway.loginAs("lisi").get("account").get("id").asString();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void accessTokenWhenIssuedThenVerifiesAgainstPublishedJwks() throws Exception {
        String jwt = gateway.loginAs("wangwu").get("access_token").asString();
        Http.Answer jwks = gateway.http().get(gateway.base() + "/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);

        JWKSet set = JWKSet.parse(jwks.body());
        SignedJWT parsed = SignedJWT.parse(jwt);
        ECKey key = (ECKey) set.getKeyByKeyId(parsed.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(parsed.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo(gateway.base());
        assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("wegate");
    }

    @Test
    void meWhenBearerTokenValidThenAccount() {
        JsonNode r = gateway.loginAs("zhaoliu");
        Http.Answer me = gateway.me(r.get("access_token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString())
                .isEqualTo(r.get("account").get("id").asString());
    }

    @Test
    void meWhenNoTokenThenUnauthorizedJson() {
        Http.Answer me = gateway.http().get(gateway.base() + "/api/v1/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.json().get("error").asString()).isEqualTo("unauthorized");
        assertThat(me.json().get("request_id").asString()).isNotBlank();
    }

    @Test
    void meWhenTokenExpiredThenUnauthorized() {
        String token = gateway.loginAs("zhangsan").get("access_token").asString();
        clock.advance(Duration.ofMinutes(16));
        assertThat(gateway.me(token).status()).isEqualTo(401);
    }

    @Test
    void loginWhenNotAMemberThenForbiddenAndNoAccount() {
        long before = accounts.countAccounts();
        Http.Answer a = gateway.login(gateway.guestCode(), gateway.newState());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().get("error").asString()).isEqualTo("not_a_member");
        assertThat(a.json().get("message_zh").asString()).contains("不是本企业成员");
        assertThat(accounts.countAccounts()).isEqualTo(before);
    }

    @Test
    void authorizeUrlWhenRedirectAllowedThenPointsAtWeComWithStateAndAgent() {
        Http.Answer a = gateway.http()
                .get(gateway.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE + "&redirect_uri="
                        + Gateway.enc(gateway.redirectUri()));
        String url = a.json().get("url").asString();
        assertThat(url)
                .startsWith(sandbox.baseUrl() + "/connect/oauth2/authorize?appid="
                        + sandbox.fixture().corpId())
                .contains("&redirect_uri=" + Gateway.enc(gateway.redirectUri()))
                .contains("&response_type=code&scope=snsapi_base&state="
                        + a.json().get("state").asString())
                .contains("&agentid=1000002")
                .endsWith("#wechat_redirect");
        assertThat(a.header("Cache-Control")).contains("no-store");
    }

    @Test
    void prometheusWhenLoginsHappenedThenLoginAndUpstreamMetricsExposed() {
        gateway.loginAs("sunqi");
        Http.Answer m = gateway.operator("/actuator/prometheus");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body())
                .contains("wegate_logins_total{flow=\"wecom-api\",outcome=\"success\"}")
                .contains("wegate_upstream_requests_seconds_count{outcome=\"0\",path=\"/cgi-bin/auth/getuserinfo\"}")
                .contains("wegate_upstream_token_total{app=\"wecom:"
                        + sandbox.fixture().corpId() + ":1000002\",event=\"hit\"}");
    }

    @Test
    void healthWhenSandboxModeThenUpWithWarnings() {
        Http.Answer h = gateway.operator("/actuator/health");
        assertThat(h.status()).isEqualTo(200);
        JsonNode wegate = h.json().get("components").get("wegate").get("details");
        assertThat(wegate.get("mode").asString()).isEqualTo("sandbox");
        // the platform this project builds on ships ACCP's native library (wegate.crypto.provider=auto)
        assertThat(wegate.get("crypto").get("provider").asString()).isEqualTo("accp");
        assertThat(wegate.get("crypto").get("rs256-signer").asString()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(wegate.get("warnings").toString()).contains("sandbox upstream");
    }

    @Test
    void loginWhenRequestCarriesAStaleBearerTokenThenTheLoginIsNotRefusedForIt() {
        JsonNode earlier = gateway.loginAs("zhangsan");
        gateway.postApi(
                "/api/v1/logout",
                Map.of("refresh_token", earlier.get("refresh_token").asString()));
        String state = gateway.newState();
        Map<String, Object> login = new java.util.LinkedHashMap<>();
        login.put("code", gateway.code("zhangsan"));
        login.put("state", state);
        login.put("state_verifier", Gateway.verifierOf(state));

        Http.Answer a = gateway.postApi(
                "/api/v1/login/wecom", earlier.get("access_token").asString(), login);

        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    static Map<String, Object> body(String code, String state) {
        return state == null ? Map.of("code", code) : Map.of("code", code, "state", state);
    }
}
