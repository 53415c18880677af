package io.wegate.server.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.backchannelrp.BackChannelRelyingParty;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.backchannel.BackChannelDelivery;
import io.wegate.server.backchannel.BackChannelLogout;
import io.wegate.server.support.Chromium;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.Ports;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10's end-to-end test. A member is logged in three ways at once: through the API flow, in a browser (wegate's
 * session), and to an unmodified Spring Security {@code oauth2Login} relying party with its OIDC back-channel logout
 * ({@code oidcLogout().backChannel()}), driven through Chromium. The sandbox's administrator disables the member;
 * the sandbox delivers {@code unsubscribe} to the corp's apps, signed and encrypted, as a real corp would; within
 * seconds the refresh token is refused, introspection says inactive, the relying party gets a logout token it
 * accepts and ends its session (so does wegate's browser session), and the member's next login is refused with a
 * message that says why. Enabled again, they log in again.
 */
@GatewayTest
class OffboardingEndToEndChromiumTest {

    private static final int RP_PORT = Ports.free();

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    BackChannelLogout backChannel;

    @Autowired
    MeterRegistry meters;

    static ChromeDriver browser;

    @DynamicPropertySource
    static void client(DynamicPropertyRegistry r) {
        r.add("wegate.oidc.clients[0].client-id", () -> "offboarding-rp");
        r.add("wegate.oidc.clients[0].client-secret", () -> "{noop}offboarding-rp-secret");
        r.add(
                "wegate.oidc.clients[0].redirect-uris",
                () -> "http://localhost:" + RP_PORT + "/login/oauth2/code/wegate");
        r.add("wegate.oidc.clients[0].scopes", () -> "openid,profile");
        r.add(
                "wegate.oidc.clients[0].backchannel-logout-uri",
                () -> "http://localhost:" + RP_PORT + "/logout/connect/back-channel/wegate");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private ConfigurableApplicationContext relyingParty() {
        return BackChannelRelyingParty.start(RP_PORT, "offboarding-rp", "offboarding-rp-secret", port);
    }

    private double delivered() {
        Counter c = meters.find("wegate.backchannel.deliveries")
                .tag("outcome", "delivered")
                .counter();
        return c == null ? 0 : c.count();
    }

    /** Logs in to the relying party as {@code userid} through wegate's QR page; returns {@code sid} and {@code sub}. */
    private String[] browserLogin(WebDriverWait wait, String userid) {
        browser.get("http://localhost:" + RP_PORT + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));
        browser.findElement(By.id("login-wecom-qr")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan-" + userid)));
        browser.findElement(By.id("scan-" + userid)).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sid")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("stuck at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
        }
        return new String[] {
            browser.findElement(By.id("sid")).getText(),
            browser.findElement(By.id("sub")).getText()
        };
    }

    @Autowired
    io.wegate.server.offboarding.Reconciliation reconciliation;

    @Autowired
    io.wegate.server.upstream.LoginApps apps;

    @Test
    void whenTheMemberLeavesTheVisibleRangeWithNoEventThenReconciliationEndsTheRelyingPartysSessionToo() {
        sandbox.callbacks().retryDelay(Duration.ZERO);
        try (ConfigurableApplicationContext rp = relyingParty()) {
            browser.manage().deleteAllCookies();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            String[] rpLogin = browserLogin(wait, "zhouba");
            double before = delivered();

            // zhouba is seen by the default app only; taken out of its range, with no event
            sandbox.members().setVisible("1000002", "zhouba", false, true);
            apps.wecom().forEach(reconciliation::run);

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered() >= before + 1);
            assertThat(backChannel.deliveriesOf(rpLogin[1]))
                    .filteredOn(d -> d.loginId().equals(rpLogin[0]))
                    .singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(BackChannelDelivery.DELIVERED));
            browser.get("http://localhost:" + RP_PORT + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));

            sandbox.members().setVisible("1000002", "zhouba", true, true);
            apps.wecom().forEach(reconciliation::run);
            browserLogin(wait, "zhouba");
        }
    }

    @Test
    void whenTheSandboxDisablesTheMemberThenEveryLoginEndsTheRelyingPartyIsToldAndTheyAreLetInOnceEnabled() {
        Gateway gateway = new Gateway(port, sandbox);
        sandbox.callbacks().retryDelay(Duration.ZERO);
        try (ConfigurableApplicationContext rp = relyingParty()) {
            browser.manage().deleteAllCookies();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            String[] rpLogin = browserLogin(wait, "lisi");
            JsonNode api = gateway.loginAs("lisi");
            String access = api.get("access_token").asString();
            String pending = gateway.code("lisi"); // minted before the change, tried after it
            double before = delivered();

            sandbox.members().disable("lisi");
            sandbox.callbacks().drain();

            // the API login: refresh refused, introspection inactive
            assertThat(gateway.refresh(api.get("refresh_token").asString()).status())
                    .isEqualTo(400);
            assertThat(OidcClient.demo()
                            .introspect(gateway, access)
                            .json()
                            .get("active")
                            .asBoolean())
                    .isFalse();
            // the relying party: a logout token it verified (it answered 200), for the browser's login
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered() >= before + 1);
            assertThat(backChannel.deliveriesOf(rpLogin[1]))
                    .filteredOn(d -> d.loginId().equals(rpLogin[0]))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.clientId()).isEqualTo("offboarding-rp");
                        assertThat(d.status()).isEqualTo(BackChannelDelivery.DELIVERED);
                        assertThat(d.reason()).isEqualTo("offboarded");
                    });
            assertThat(meters.get("wegate.offboarding.latency")
                            .tag("stage", "relying_party_notified")
                            .timer()
                            .count())
                    .isPositive();
            // the admin API shows the delivery with the account
            Http.Answer detail = gateway.admin("GET", "/api/v1/admin/accounts/" + rpLogin[1], null);
            assertThat(detail.status()).as(detail.body()).isEqualTo(200);
            assertThat(detail.json().get("backchannel_deliveries").toString())
                    .contains("\"client_id\":\"offboarding-rp\"")
                    .contains("\"status\":\"delivered\"");
            // its session, and wegate's browser session, are gone: the app sends the browser to wegate's login
            browser.get("http://localhost:" + RP_PORT + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));
            assertThat(browser.findElements(By.id("sid"))).isEmpty();
            // the next login is refused, saying why
            Http.Answer refused = gateway.login(pending, gateway.newState());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("error").asString()).isEqualTo("access_ended");
            assertThat(refused.body()).contains("访问已终止");

            sandbox.members().enable("lisi");
            sandbox.callbacks().drain();

            gateway.loginAs("lisi");
            String[] again = browserLogin(wait, "lisi");
            assertThat(again[0]).isNotEqualTo(rpLogin[0]);
        }
    }
}
