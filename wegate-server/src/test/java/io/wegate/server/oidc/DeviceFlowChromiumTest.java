package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Chromium;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8: a device-flow login (RFC 8628) with a person in a real headless Chromium. The device
 * (plain HTTP here, as a CLI would) gets a user code; the person opens the verification URI, logs in
 * through wegate's own login — the desktop QR page, the sandbox's WeCom QR, a scan — comes back,
 * sees the app and the code, approves; the device's polling gets tokens of that login.
 */
@FlowsTest
class DeviceFlowChromiumTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    AccountStore accounts;

    @Autowired
    MovableClock clock;

    static ChromeDriver browser;

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

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void deviceFlowWhenAWeComMemberScansTheQrAndApprovesThenTheDevicePollGetsTheirTokens() {
        DeviceClient.register(clients);
        Gateway g = new Gateway(port, sandbox);
        DeviceClient device = new DeviceClient(g);
        JsonNode codes = device.authorize();
        String deviceCode = codes.get("device_code").asString();
        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("authorization_pending");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.manage().deleteAllCookies();

        // the person types the code on the plain verification URI, as a TV would tell them to
        browser.get(codes.get("verification_uri").asString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom-qr")));
        browser.findElement(By.id("login-wecom-qr")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan-lisi")));
        assertThat(browser.getCurrentUrl()).startsWith(sandbox.baseUrl() + "/wwlogin/sso/login");
        browser.findElement(By.id("scan-lisi")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-code")));
        browser.findElement(By.id("user-code"))
                .sendKeys(codes.get("user_code").asString().toLowerCase(java.util.Locale.ROOT));
        browser.findElement(By.id("user-code-submit")).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("device-approve")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("stuck at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
        }
        assertThat(browser.findElement(By.id("device-client")).getText()).isEqualTo("客厅电视 Living-room TV");
        assertThat(browser.findElement(By.id("device-user-code")).getText())
                .isEqualTo(codes.get("user_code").asString());
        assertThat(browser.findElement(By.id("device-scopes")).getText()).contains("Your name and picture");
        browser.findElement(By.id("device-approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("device-approved")));

        clock.advance(Duration.ofSeconds(6));
        Http.Answer tokens = device.poll(deviceCode);

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode access = Gateway.claims(tokens.json().get("access_token").asString());
        assertThat(accounts.findAccount(access.get("sub").asString()))
                .hasValueSatisfying(a -> assertThat(a.displayName()).isEqualTo("李四"));
        assertThat(access.get("amr").toString()).isEqualTo("[\"wecom\",\"wecom-qr\"]");
        assertThat(access.get("acr").asString()).isEqualTo("urn:wegate:wecom:wecom-qr");
        Http.Answer me = g.me(tokens.json().get("access_token").asString());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
    }
}
