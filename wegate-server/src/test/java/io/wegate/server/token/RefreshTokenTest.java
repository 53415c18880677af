package io.wegate.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
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
class RefreshTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

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
    }

    @Test
    void refreshWhenTokenFreshThenRotatedAndNewAccessTokenWorks() {
        JsonNode login = gateway.loginAs("zhangsan");
        String r1 = login.get("refresh_token").asString();

        Http.Answer a = gateway.refresh(r1);

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        String r2 = a.json().get("refresh_token").asString();
        assertThat(r2).isNotEqualTo(r1).hasSize(43);
        assertThat(gateway.me(a.json().get("access_token").asString()).status()).isEqualTo(200);
        assertThat(gateway.refresh(r2).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenUsedTokenPresentedAgainThenWholeFamilyRevoked() {
        String r1 = gateway.loginAs("lisi").get("refresh_token").asString();
        String r2 = gateway.refresh(r1).json().get("refresh_token").asString();

        Http.Answer reuse = gateway.refresh(r1);

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json().get("error").asString()).isEqualTo("refresh_token_reused");
        // the legitimate holder's newer token died with the family
        Http.Answer after = gateway.refresh(r2);
        assertThat(after.status()).isEqualTo(400);
        assertThat(after.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshWhenOtherLoginsOfSameAccountThenTheyAreUntouchedByReuse() {
        String a1 = gateway.loginAs("wangwu").get("refresh_token").asString();
        String b1 = gateway.loginAs("wangwu").get("refresh_token").asString();
        gateway.refresh(a1);
        gateway.refresh(a1);
        assertThat(gateway.refresh(b1).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenExpiredThenInvalidGrant() {
        String r1 = gateway.loginAs("zhaoliu").get("refresh_token").asString();
        clock.advance(Duration.ofDays(31));
        Http.Answer a = gateway.refresh(r1);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshWhenUnknownOrMalformedThenInvalidGrant() {
        assertThat(gateway.refresh("A".repeat(43)).json().get("error").asString())
                .isEqualTo("invalid_grant");
        assertThat(gateway.refresh("short").json().get("error").asString()).isEqualTo("invalid_grant");
        Http.Answer missing = gateway.http().postJson(gateway.base() + "/api/v1/token/refresh", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void logoutWhenRefreshTokenGivenThenItAndItsSuccessorsStopWorking() {
        String r1 = gateway.loginAs("sunqi").get("refresh_token").asString();
        Http.Answer out = gateway.http().postJson(gateway.base() + "/api/v1/logout", Map.of("refresh_token", r1));
        assertThat(out.status()).isEqualTo(204);
        assertThat(gateway.refresh(r1).json().get("error").asString()).isEqualTo("invalid_grant");
    }
}
