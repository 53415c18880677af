package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Chromium;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.NodeRelyingParty;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 8: panva's {@code openid-client} (npm), unmodified, in a small Node app that the test
 * starts, logs a sandbox WeCom member in through wegate in headless Chromium: discovery, code flow
 * with PKCE, state and nonce, the library's own ID token checks, and UserInfo.
 */
@GatewayTest
class OpenidClientRelyingPartyChromiumTest {

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
        r.add("wegate.oidc.clients[0].client-id", () -> "node-rp");
        r.add("wegate.oidc.clients[0].client-secret", () -> "{noop}node-rp-secret");
        r.add("wegate.oidc.clients[0].redirect-uris", () -> "http://127.0.0.1:" + RP_PORT + "/cb");
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

    @Test
    void openidClientWhenWeComMemberScansTheQrThenItHasTheirWegateAccountAndUserInfo() throws IOException {
        try (NodeRelyingParty rp =
                NodeRelyingParty.start("http://localhost:" + port, "node-rp", "node-rp-secret", RP_PORT)) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:" + RP_PORT + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));
            browser.findElement(By.id("login-wecom-qr")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan-wangwu")));
            browser.findElement(By.id("scan-wangwu")).click();
            try {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sub")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("stuck at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
            }

            String sub = browser.findElement(By.id("sub")).getText();
            assertThat(accounts.findAccount(sub))
                    .hasValueSatisfying(a -> assertThat(a.displayName()).isEqualTo("王五"));
            assertThat(browser.findElement(By.id("amr")).getText()).isEqualTo("wecom,wecom-qr");
            assertThat(browser.findElement(By.id("userinfo-sub")).getText()).isEqualTo(sub);
        }
    }
}
