package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Chromium;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Ports;
import io.wegate.testrp.SpringRelyingParty;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 8: an unmodified relying party — Spring Security's {@code oauth2Login}, set up from wegate's
 * discovery document alone — logs a sandbox WeCom member in through wegate, in a real headless
 * Chromium: the app sends the browser to wegate, wegate to its own login page, the person picks the
 * WeCom QR login and scans, and the app ends up with an ES256 ID token (checked by Spring, not by
 * us) naming the wegate account and the flow, and UserInfo for the same subject.
 */
@GatewayTest
class SpringRelyingPartyChromiumTest {

    private static final int RP_PORT = Ports.free();

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    static ChromeDriver browser;

    @DynamicPropertySource
    static void client(DynamicPropertyRegistry r) {
        r.add("wegate.oidc.clients[0].client-id", () -> "spring-rp");
        r.add("wegate.oidc.clients[0].client-secret", () -> "{noop}spring-rp-secret");
        r.add(
                "wegate.oidc.clients[0].redirect-uris",
                () -> "http://localhost:" + RP_PORT + "/login/oauth2/code/wegate");
        r.add("wegate.oidc.clients[0].scopes", () -> "openid,profile");
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
        return new SpringApplicationBuilder(SpringRelyingParty.class)
                .run(
                        "--server.port=" + RP_PORT,
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=jdbc:h2:mem:rp-${random.uuid}",
                        "--spring.flyway.enabled=false",
                        // its own cookie: wegate's application.properties (same classpath) names WEGATE_SESSION,
                        // and cookies of localhost are shared across ports
                        "--server.servlet.session.cookie.name=RP_SESSION",
                        "--management.endpoints.access.default=none",
                        "--spring.security.oauth2.client.registration.wegate.client-id=spring-rp",
                        "--spring.security.oauth2.client.registration.wegate.client-secret=spring-rp-secret",
                        "--spring.security.oauth2.client.registration.wegate.scope=openid,profile",
                        "--spring.security.oauth2.client.provider.wegate.issuer-uri=http://localhost:" + port);
    }

    /** Opens the app in a fresh browser state and logs in on wegate's page with {@code scan}. */
    private void logInThroughWegate(String choice, String scan) {
        browser.manage().deleteAllCookies();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://localhost:" + RP_PORT + "/");
        // wegate's own login entry point: a desktop browser is offered the QR logins
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(choice)));
        browser.findElement(By.id(choice)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(scan)));
        browser.findElement(By.id(scan)).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sub")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("stuck at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
        }
        assertThat(browser.getCurrentUrl()).startsWith("http://localhost:" + RP_PORT + "/");
    }

    @Test
    void springOauth2LoginWhenWeComMemberScansTheQrThenTheAppHasTheirWegateAccountAndUserInfo() {
        try (ConfigurableApplicationContext rp = relyingParty()) {
            logInThroughWegate("login-wecom-qr", "scan-lisi");

            String sub = browser.findElement(By.id("sub")).getText();
            assertThat(accounts.findAccount(sub))
                    .hasValueSatisfying(a -> assertThat(a.displayName()).isEqualTo("李四"));
            assertThat(browser.findElement(By.id("amr")).getText()).isEqualTo("wecom,wecom-qr");
            assertThat(browser.findElement(By.id("acr")).getText()).isEqualTo("urn:wegate:wecom:wecom-qr");
            assertThat(browser.findElement(By.id("userinfo-sub")).getText()).isEqualTo(sub);
        }
    }

    @Test
    void springOauth2LoginWhenWeChatUserScansTheWebsiteQrThenTheAppHasTheirWegateAccount() {
        try (ConfigurableApplicationContext rp = relyingParty()) {
            logInThroughWegate("login-wechat-open", "wechat-scan-xiaohong");

            String sub = browser.findElement(By.id("sub")).getText();
            assertThat(accounts.findAccount(sub)).isPresent();
            assertThat(accounts.identitiesOf(sub))
                    .anySatisfy(i -> assertThat(i.provider()).isEqualTo("wechat"));
            assertThat(browser.findElement(By.id("amr")).getText()).isEqualTo("wechat,wechat-open");
            assertThat(browser.findElement(By.id("userinfo-sub")).getText()).isEqualTo(sub);
        }
    }
}
