package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** snsapi_privateinfo: the member consents, and mobile and email come through getuserdetail. */
@GatewayTest
@TestPropertySource(properties = "wegate.wecom.scope=snsapi_privateinfo")
class WeComPrivateInfoLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Test
    void loginWhenScopeIsPrivateInfoThenAccountHasVerifiedMobileAndEmail() {
        Gateway gateway = new Gateway(port, sandbox);
        long detailCallsBefore = sandbox.stats().getOrDefault("/cgi-bin/auth/getuserdetail", 0L);

        Http.Answer a =
                gateway.login(gateway.code("lisi", "snsapi_privateinfo", gateway.redirectUri()), gateway.newState());

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode account = a.json().get("account");
        SandboxFixture.Member lisi = sandbox.fixture().member("lisi").orElseThrow();
        assertThat(account.get("mobile").asString()).isEqualTo("+86" + lisi.mobile());
        assertThat(account.get("email").asString()).isEqualTo(lisi.email());
        assertThat(account.get("display_name").asString()).isEqualTo("李四");
        assertThat(sandbox.stats().get("/cgi-bin/auth/getuserdetail") - detailCallsBefore)
                .isEqualTo(1);
    }

    @Test
    void authorizeUrlWhenScopeIsPrivateInfoThenAsksForIt() {
        Gateway gateway = new Gateway(port, sandbox);
        Http.Answer a = gateway.http()
                .get(gateway.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE + "&redirect_uri="
                        + Gateway.enc(gateway.redirectUri()));
        assertThat(a.json().get("url").asString())
                .contains("scope=snsapi_privateinfo")
                .contains("agentid=1000002");
    }
}
