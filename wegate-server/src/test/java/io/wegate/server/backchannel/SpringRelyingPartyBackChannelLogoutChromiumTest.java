package io.wegate.server.backchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.backchannelrp.BackChannelRelyingParty;
import io.wegate.server.support.Chromium;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Ports;
import io.wegate.server.token.TokenService;
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

/**
 * An unmodified Spring Security relying party with its OpenID Connect back-channel logout
 * ({@code oidcLogout().backChannel()}), its back-channel URI declared in wegate's configuration:
 * a WeCom member logs in to it through wegate in headless Chromium; when the wegate login ends,
 * wegate sends the logout token, Spring accepts it (checked with wegate's JWKS, by Spring, not by
 * us: it answers 200 only then) and ends the app's session, so the next page load of the app goes
 * back to wegate's login.
 */
@GatewayTest
class SpringRelyingPartyBackChannelLogoutChromiumTest {

    private static final int RP_PORT = Ports.free();

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    BackChannelLogout backChannel;

    @Autowired
    MeterRegistry meters;

    static ChromeDriver browser;

    @DynamicPropertySource
    static void client(DynamicPropertyRegistry r) {
        r.add("wegate.oidc.clients[0].client-id", () -> "spring-bcl-rp");
        r.add("wegate.oidc.clients[0].client-secret", () -> "{noop}spring-bcl-rp-secret");
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
        return BackChannelRelyingParty.start(RP_PORT, "spring-bcl-rp", "spring-bcl-rp-secret", port);
    }

    @Test
    void springBackChannelLogoutWhenTheWegateLoginEndsThenTheAppsSessionEnds() {
        try (ConfigurableApplicationContext rp = relyingParty()) {
            browser.manage().deleteAllCookies();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://localhost:" + RP_PORT + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));
            browser.findElement(By.id("login-wecom-qr")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan-lisi")));
            browser.findElement(By.id("scan-lisi")).click();
            try {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sid")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("stuck at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
            }
            String sub = browser.findElement(By.id("sub")).getText();
            String sid = browser.findElement(By.id("sid")).getText();
            // the app's session stands: a reload shows the page again
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sid")));
            double delivered = BackChannelTests.count(meters, "delivered");

            tokens.logoutLogin(sid);

            // delivered means Spring answered 200: the token verified and the session was ended
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> BackChannelTests.count(meters, "delivered") == delivered + 1);
            assertThat(backChannel.deliveriesOf(sub))
                    .filteredOn(d -> d.loginId().equals(sid))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.clientId()).isEqualTo("spring-bcl-rp");
                        assertThat(d.status()).isEqualTo(BackChannelDelivery.DELIVERED);
                        assertThat(d.lastStatus()).isEqualTo(200);
                    });
            browser.get("http://localhost:" + RP_PORT + "/");
            // the app no longer knows the person: it sends the browser to wegate, whose login ended too
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));
            assertThat(browser.findElements(By.id("sid"))).isEmpty();
        }
    }
}
