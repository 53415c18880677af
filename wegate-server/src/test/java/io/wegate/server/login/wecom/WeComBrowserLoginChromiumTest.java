package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Chromium;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A person in a real browser: home page, the sandbox's WeCom page, back home with tokens. */
@GatewayTest
class WeComBrowserLoginChromiumTest {

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshBrowserSession() {
        // each test starts logged out: drop the gateway's cookies
        browser.get("http://localhost:" + port + "/");
        browser.manage().deleteAllCookies();
    }

    @Test
    void loginWhenPersonPicksMemberOnWeComPageThenLandsHomeWithTokens() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(gateway.base() + "/");
        assertThat(browser.findElement(By.id("sandbox-banner")).getText()).contains("Sandbox mode");

        browser.findElement(By.id("login-wecom")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("member-zhangsan")));
        assertThat(browser.getCurrentUrl()).startsWith(sandbox.baseUrl() + "/connect/oauth2/authorize");
        screenshot("wecom-authorize-page");

        browser.findElement(By.id("member-zhangsan")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-name")));
        assertThat(browser.getCurrentUrl()).isEqualTo(gateway.base() + "/");
        assertThat(browser.findElement(By.id("account-name")).getText()).isEqualTo("张三");

        browser.findElement(By.id("get-tokens")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tokens")));
        screenshot("home-logged-in");
        JsonNode tokens =
                Http.JSON.readTree(browser.findElement(By.id("tokens")).getText());
        Http.Answer me = gateway.me(tokens.get("access_token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("display_name").asString()).isEqualTo("张三");
        assertThat(browser.manage().getCookieNamed("WEGATE_SESSION").isHttpOnly())
                .isTrue();

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-wecom")));
        assertThat(gateway.refresh(tokens.get("refresh_token").asString()).status())
                .isEqualTo(400);
    }

    @Test
    void qrLoginWhenPersonScansAsMemberOnTheQrPageThenLandsHomeLoggedIn() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(gateway.base() + "/login?return_to=/");
        browser.findElement(By.id("login-wecom-qr")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan-lisi")));
        assertThat(browser.getCurrentUrl()).startsWith(sandbox.baseUrl() + "/wwlogin/sso/login");
        assertThat(browser.getPageSource()).contains("<svg");
        screenshot("wecom-qr-page");

        browser.findElement(By.id("scan-lisi")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-name")));
        assertThat(browser.findElement(By.id("account-name")).getText()).isEqualTo("李四");
    }

    @Test
    void websiteQrWhenPersonScansWithWeChatThenLandsHomeAsTheirNickname() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(gateway.base() + "/login?return_to=/");
        browser.findElement(By.id("login-wechat-open")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wechat-scan-xiaohong")));
        assertThat(browser.getCurrentUrl()).startsWith(sandbox.baseUrl() + "/connect/qrconnect");
        screenshot("wechat-qrconnect-page");

        browser.findElement(By.id("wechat-scan-xiaohong")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-name")));
        assertThat(browser.findElement(By.id("account-name")).getText()).isEqualTo("小红");
    }

    @Test
    void officialAccountWhenPersonAllowsInWeChatThenLandsHomeAsTheirNickname() throws Exception {
        Gateway gateway = new Gateway(port, sandbox);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(gateway.base() + "/login/wechat-mp?return_to=/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wechat-user-laowang")));
        screenshot("wechat-mp-consent-page");

        browser.findElement(By.id("wechat-user-laowang")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-name")));
        assertThat(browser.findElement(By.id("account-name")).getText()).isEqualTo("老王");
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
