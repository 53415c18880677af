package io.wegate.sandbox;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the sandbox from the command line: {@code java -jar wegate-sandbox-all.jar --port 8081}. Prints the base URL and
 * the credentials of every app, since a sandbox's secrets are meant to be copied into a client's configuration. See
 * <a href="https://developer.work.weixin.qq.com/document/path/91039">gettoken</a> for how they are used.
 */
public final class SandboxMain {

    static final String USAGE = """
            Usage: java -jar wegate-sandbox-all.jar [options]

            A local simulator of the WeCom (企业微信) and WeChat (微信) server APIs and their login pages.

            Options:
              --port N                   port to listen on (default 8081; 0 picks a free port)
              --bind HOST                address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)
              --fixture PATH             JSON file describing the corp (default: the built-in demo corp)
              --gettoken-daily-quota N   gettoken calls per app and day before 45009 (default 2000)
              --wechat-token-daily-quota N
                                         WeChat /cgi-bin/token + stable_token calls per app and day
                                         before 45009 (default 2000)
              --help                     print this help and exit
            """;

    private SandboxMain() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Everything but {@code System.exit}: parses, starts, prints the banner and blocks until the JVM shuts down. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        MainOptions options;
        try {
            options = MainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        Sandbox sandbox;
        try {
            sandbox = start(options);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        printBanner(sandbox, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sandbox.close();
        }
        return 0;
    }

    static Sandbox start(MainOptions options) {
        Sandbox.Builder builder = Sandbox.builder()
                .port(options.port())
                .bindAddress(options.bind())
                .gettokenDailyQuota(options.gettokenDailyQuota())
                .wechatTokenDailyQuota(options.wechatTokenDailyQuota());
        if (options.fixture() != null) {
            builder.fixture(SandboxFixture.load(Path.of(options.fixture())));
        }
        return builder.start();
    }

    static void printBanner(Sandbox sandbox, PrintStream out) {
        SandboxFixture fixture = sandbox.fixture();
        out.println("WeCom / WeChat sandbox running at " + sandbox.baseUrl());
        out.println("  corp     " + fixture.corpName() + "  corpid=" + fixture.corpId());
        for (App app : fixture.apps()) {
            out.println("  app      agentid=" + app.agentId() + "  secret=" + app.secret() + "  name=" + app.name()
                    + "  trusted_domains=" + String.join(",", app.trustedDomains())
                    + (app.miniprogramAppids().isEmpty()
                            ? ""
                            : "  miniprograms=" + String.join(",", app.miniprogramAppids())));
        }
        fixture.contactSyncSecret().ifPresent(secret -> out.println("  sync     contact-sync secret=" + secret));
        out.println(
                "  members  " + fixture.members().stream().map(Member::userid).collect(Collectors.joining(", ")));
        for (WeChatFixture.App app : fixture.wechatApps()) {
            out.println("  wechat   " + app.kind().value() + "  appid=" + app.appid() + "  secret=" + app.secret()
                    + "  name=" + app.name()
                    + (app.redirectDomains().isEmpty() ? "" : "  domains=" + String.join(",", app.redirectDomains())));
        }
        if (!fixture.wechatUsers().isEmpty()) {
            out.println("  users    "
                    + fixture.wechatUsers().stream()
                            .map(WeChatFixture.User::key)
                            .collect(Collectors.joining(", ")));
        }
        out.println("  fixture  " + sandbox.baseUrl() + "/sandbox/fixture");
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }
}
