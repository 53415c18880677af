package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** WeCom failing: each failure becomes a clear 5xx that says what happened, and nothing is written. */
@GatewayTest
@TestPropertySource(properties = {"wegate.upstream.request-timeout=700ms", "wegate.upstream.deadline=3s"})
class WeComUpstreamFailureTest {

    private static final String GETUSERINFO = "/cgi-bin/auth/getuserinfo";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    Gateway gateway;
    long accountsBefore;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port, sandbox);
        gateway.loginAs("zhangsan");
        accountsBefore = accounts.countAccounts();
    }

    @AfterEach
    void tearDown() {
        sandbox.clearFaults();
        assertThat(accounts.countAccounts()).isEqualTo(accountsBefore);
    }

    private void fault(Map<String, Object> fault) {
        Http.Answer a = gateway.http().postJson(sandbox.baseUrl() + "/sandbox/faults", fault);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    @Test
    void loginWhenUpstreamBusyTwiceThenRetriedAndSucceeds() {
        fault(Map.of("type", "errcode", "path", GETUSERINFO, "errcode", -1, "count", 2));
        long before = sandbox.stats().get(GETUSERINFO);

        Http.Answer a = gateway.login(gateway.code("lisi"), gateway.newState());

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(sandbox.stats().get(GETUSERINFO) - before).isEqualTo(3);
        accountsBefore = accounts.countAccounts();
    }

    @Test
    void loginWhenUpstreamBusyBeyondRetriesThenBadGatewayWithErrcode() {
        fault(Map.of("type", "errcode", "path", GETUSERINFO, "errcode", -1, "count", 10));
        long before = sandbox.stats().get(GETUSERINFO);

        Http.Answer a = gateway.login(gateway.code("wangwu"), gateway.newState());

        assertThat(a.status()).as(a.body()).isEqualTo(502);
        assertThat(a.json().get("error").asString()).isEqualTo("upstream_unavailable");
        assertThat(a.json().get("upstream_errcode").asInt()).isEqualTo(-1);
        assertThat(a.json().get("upstream_request_id").asString()).isNotBlank();
        // one call and at most three retries
        assertThat(sandbox.stats().get(GETUSERINFO) - before).isEqualTo(4);
    }

    @Test
    void loginWhenUpstreamAnswersHttp500ThenBadGateway() {
        fault(Map.of("type", "http-status", "path", GETUSERINFO, "status", 500, "count", 10));
        Http.Answer a = gateway.login(gateway.code("wangwu"), gateway.newState());
        assertThat(a.status()).as(a.body()).isEqualTo(502);
        assertThat(a.json().get("error").asString()).isEqualTo("upstream_unavailable");
    }

    @Test
    void loginWhenUpstreamAnswersMalformedJsonThenBadGateway() {
        fault(Map.of("type", "malformed-json", "path", GETUSERINFO, "count", 1));
        Http.Answer a = gateway.login(gateway.code("wangwu"), gateway.newState());
        assertThat(a.status()).as(a.body()).isEqualTo(502);
        assertThat(a.json().get("error").asString()).isEqualTo("upstream_unavailable");
    }

    @Test
    void loginWhenUpstreamTooSlowThenGatewayTimeout() {
        fault(Map.of("type", "latency", "path", GETUSERINFO, "millis", 2000, "count", 1));
        Http.Answer a = gateway.login(gateway.code("wangwu"), gateway.newState());
        assertThat(a.status()).as(a.body()).isEqualTo(504);
        assertThat(a.json().get("error").asString()).isEqualTo("upstream_timeout");
    }

    @Test
    void loginWhenCodeIssuedForUntrustedDomainThenOperatorIsToldAbout50001() {
        String code = gateway.codeWithoutAgent("wangwu", "https://not-trusted.example/cb");
        Http.Answer a = gateway.login(code, gateway.newState());
        assertThat(a.status()).as(a.body()).isEqualTo(502);
        assertThat(a.json().get("error").asString()).isEqualTo("upstream_configuration");
        assertThat(a.json().get("upstream_errcode").asInt()).isEqualTo(50001);
        assertThat(a.json().get("upstream_meaning").asString()).contains("trusted domain");
        assertThat(a.json().get("upstream_meaning_zh").asString()).contains("可信域名");
    }

    @Test
    void loginWhenGettokenQuotaExhaustedThenServiceUnavailableAndNotRetried() {
        fault(Map.of("type", "errcode", "path", "/cgi-bin/gettoken", "errcode", 45009, "count", 5));
        sandbox.invalidateTokens();
        long before = sandbox.stats().get("/cgi-bin/gettoken");

        Http.Answer a = gateway.login(gateway.code("wangwu"), gateway.newState());

        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.json().get("error").asString()).isEqualTo("upstream_quota_exhausted");
        assertThat(a.json().get("upstream_errcode").asInt()).isEqualTo(45009);
        assertThat(sandbox.stats().get("/cgi-bin/gettoken") - before).isEqualTo(1);
    }
}
