package io.wegate.server.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless. Installs them with apt-get when they are missing
 * and this runs as root (CI, a fresh machine); otherwise fails saying what to install.
 */
public final class Chromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    public static ChromeDriver start() throws IOException {
        ensureInstalled();
        Path profile = Files.createTempDirectory("wegate-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                // this machine has no network: no background connections, no component updates
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1000,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static synchronized void ensureInstalled() throws IOException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException(
                    "The browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
        }
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver");
        if (!Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("apt-get did not install /usr/bin/chromedriver");
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
