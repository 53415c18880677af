package io.wegate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.WegateApplication;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every configuration the README shows starts in the mode it means, with the apps it names, and in
 * production mode a code the demo sandbox minted is worthless. The README's own command lines are
 * run: only the placeholders ({@code wx...}, {@code ...}), the database and the upstream hosts are
 * replaced, by a standalone sandbox standing in for the real WeCom and WeChat.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeConfigurationsTest {

    /** Stands in for the real WeCom and WeChat of the production configurations. */
    static final Sandbox UPSTREAM = Sandbox.builder().start();

    /** What sandbox mode would have served: codes it mints must get nowhere in production mode. */
    static final Sandbox DEMO = Sandbox.builder().start();

    @AfterAll
    static void stop() {
        UPSTREAM.close();
        DEMO.close();
    }

    /** A running gateway and what it was started with. */
    record Started(ConfigurableApplicationContext context, Gateway gateway) implements AutoCloseable {
        LoginApps apps() {
            return context.getBean(LoginApps.class);
        }

        boolean hasInProcessSandbox() {
            return context.getBeanProvider(Sandbox.class).getIfAvailable() != null;
        }

        JsonNode health() {
            Http.Answer h = gateway.operator("/actuator/health");
            return h.json().get("components").get("wegate").get("details");
        }

        JsonNode info() {
            return gateway.operator("/actuator/info").json().get("wegate");
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** Starts wegate with {@code env} as its whole environment and {@code args} on the command line. */
    private static Started start(Map<String, String> env, List<String> args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(env)));
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(
                "--server.port=0",
                // were sandbox mode to start by mistake, it must not collide with anything on 8081
                "--wegate.sandbox.port=0",
                "--wegate.data-dir=target/test-data",
                "--wegate.login.failed-logins-per-minute=0",
                // the health details this test reads are the operator's
                "--wegate.management.password=" + Gateway.OPERATOR_PASSWORD,
                "--logging.level.root=WARN"));
        if (all.stream().noneMatch(a -> a.startsWith("--spring.datasource.url="))) {
            all.add("--spring.datasource.url=" + h2());
        }
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(WegateApplication.class)
                .environment(environment)
                .run(all.toArray(String[]::new));
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Started(ctx, new Gateway(port, UPSTREAM));
    }

    private static String h2() {
        return "jdbc:h2:mem:readme-config-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }

    /** The upstream hosts of the production configurations: the stand-in instead of the real ones. */
    private static List<String> upstreamHosts() {
        String u = UPSTREAM.baseUrl().toString();
        return List.of(
                "--wegate.wecom.api-base-url=" + u,
                "--wegate.wecom.authorize-base-url=" + u,
                "--wegate.wecom.sso-base-url=" + u,
                "--wegate.wechat.api-base-url=" + u,
                "--wegate.wechat.authorize-base-url=" + u);
    }

    /** The first bash block under {@code heading}: its exported variables and its {@code --key=value} arguments. */
    record Command(Map<String, String> env, Map<String, String> args) {

        static Command readme(String heading) throws Exception {
            String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile(Pattern.quote(heading) + ".*?```bash\\n(.*?)```", Pattern.DOTALL)
                    .matcher(readme);
            assertThat(m.find()).as("README has a bash block under " + heading).isTrue();
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> args = new LinkedHashMap<>();
            for (String token : m.group(1).replace("\\\n", " ").split("\\s+")) {
                int eq = token.indexOf('=');
                if (token.startsWith("--") && eq > 0) {
                    args.put(token.substring(2, eq), token.substring(eq + 1));
                } else if (token.matches("[A-Z][A-Z0-9_]*=.*")) {
                    env.put(token.substring(0, eq), token.substring(eq + 1));
                }
            }
            return new Command(env, args);
        }

        /** The placeholders replaced by the stand-in upstream's credentials, the database by an in-memory one. */
        Command filled() {
            Map<String, String> e = new LinkedHashMap<>();
            env.forEach((k, v) -> e.put(k, fill(k, v)));
            Map<String, String> a = new LinkedHashMap<>();
            args.forEach((k, v) -> a.put(k, fill(k, v)));
            return new Command(e, a);
        }

        private String fill(String key, String value) {
            Matcher wechat = Pattern.compile("wegate\\.wechat\\.apps\\[(\\d+)]\\.(app-id|secret)")
                    .matcher(key);
            if (wechat.matches()) {
                WeChatFixture.App app = wechatApp(args.get("wegate.wechat.apps[" + wechat.group(1) + "].kind"));
                return wechat.group(2).equals("app-id") ? app.appid() : app.secret();
            }
            return switch (key) {
                case "WEGATE_WECOM_CORP_ID" -> UPSTREAM.fixture().corpId();
                case "WEGATE_WECOM_SECRET" ->
                    UPSTREAM.fixture()
                            .app(env.get("WEGATE_WECOM_AGENT_ID"))
                            .orElseThrow()
                            .secret();
                case "spring.datasource.url" -> h2();
                case "spring.datasource.username" -> "sa";
                case "spring.datasource.password" -> "";
                default -> {
                    assertThat(value)
                            .as("a placeholder without a stand-in: " + key)
                            .doesNotContain("...");
                    yield value;
                }
            };
        }

        List<String> commandLine() {
            List<String> l = new ArrayList<>();
            args.forEach((k, v) -> l.add("--" + k + "=" + v));
            return l;
        }

        /** The same settings as environment variables, named the way the README says ({@code WEGATE_WECOM_CORP_ID}). */
        Command asEnvironment() {
            Map<String, String> e = new LinkedHashMap<>(env);
            args.forEach((k, v) -> e.put(
                    k.toUpperCase(Locale.ROOT)
                            .replace("]", "")
                            .replace('[', '_')
                            .replace('.', '_')
                            .replace('-', '_'),
                    v));
            return new Command(e, Map.of());
        }
    }

    static WeChatFixture.App wechatApp(String kind) {
        WeChatFixture.Kind k =
                WeChatFixture.Kind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_'));
        return UPSTREAM.fixture().wechatApps().stream()
                .filter(a -> a.kind() == k && a.unionidBound())
                .findFirst()
                .orElseThrow();
    }

    /** A code for {@code body} from {@code sandbox}'s {@code /sandbox/codes}. */
    private static String code(Sandbox sandbox, Map<String, Object> body) {
        Http.Answer a = new Http().postJson(sandbox.baseUrl() + "/sandbox/codes", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("code").asString();
    }

    private static void assertProduction(Started s) {
        assertThat(s.apps().sandbox()).isFalse();
        assertThat(s.hasInProcessSandbox()).as("an in-process sandbox").isFalse();
        assertThat(s.health().get("mode").asString()).isEqualTo("production");
        assertThat(s.info().get("mode").asString()).isEqualTo("production");
        assertThat(s.health().get("warnings").toString()).doesNotContain("sandbox");
    }

    /** A demo code is refused as unknown, because the configured upstream never issued it; nothing is created. */
    private static void assertDemoCodeRefused(
            Started s, String path, Map<String, Object> mint, Map<String, Object> body) {
        Map<String, Object> login = new LinkedHashMap<>(body);
        login.put("code", code(DEMO, mint));
        Http.Answer a = s.gateway().postApi(path, login);
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("error").asString()).isEqualTo("invalid_code");
        assertThat(a.json().get("upstream_errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void quickStartWhenNothingConfiguredThenSandboxModeWithTheDemoAppsAndALoudWarning(CapturedOutput output) {
        try (Started s = start(Map.of(), List.of())) {
            assertThat(s.apps().sandbox()).isTrue();
            assertThat(s.hasInProcessSandbox()).isTrue();
            assertThat(s.health().get("mode").asString()).isEqualTo("sandbox");
            assertThat(s.info().get("mode").asString()).isEqualTo("sandbox");
            assertThat(s.health().get("warnings").toString())
                    .contains("no WeCom or WeChat app is configured")
                    .contains("wegate.wechat.apps[n]");
            assertThat(s.info().get("apps").get("wechat").toString())
                    .contains("\"mp\":\"official-account\"")
                    .contains("\"mini\":\"miniprogram\"");
            assertThat(output.getOut())
                    .containsPattern("WARN .*SANDBOX MODE: .*No upstream app is configured; for production set"
                            + " wegate.wecom.corp-id, agent-id and secret .*wegate.wecom.apps\\[n].* or"
                            + " wegate.wechat.apps\\[n]");

            // the in-process sandbox is the upstream: its codes log in
            Sandbox inProcess = s.context().getBean(Sandbox.class);
            Http.Answer a = s.gateway()
                    .postApi(
                            "/api/v1/login/wecom-miniprogram",
                            Map.of(
                                    "code",
                                    code(
                                            inProcess,
                                            Map.of(
                                                    "flow",
                                                    "wecom-miniprogram",
                                                    "agentid",
                                                    "1000002",
                                                    "userid",
                                                    "lisi"))));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
    }

    @Test
    void readmeWeComExampleWhenCredentialsInEnvironmentThenProductionWithThatAppOnly() throws Exception {
        Command c = Command.readme("## Running against a real WeCom app").filled();
        assertThat(c.env()).containsKeys("WEGATE_WECOM_CORP_ID", "WEGATE_WECOM_AGENT_ID", "WEGATE_WECOM_SECRET");
        assertThat(c.args())
                .containsKeys("wegate.public-base-url", "wegate.login.allowed-return-to", "spring.datasource.url");
        List<String> args = new ArrayList<>(c.commandLine());
        args.addAll(upstreamHosts());
        try (Started s = start(c.env(), args)) {
            assertProduction(s);
            assertThat(s.apps().wecom())
                    .extracting(
                            WeComLoginApp::id,
                            a -> a.app().corpId(),
                            a -> a.app().agentId())
                    .containsExactly(tuple("default", UPSTREAM.fixture().corpId(), "1000002"));
            assertThat(s.apps().wechat()).isEmpty();

            Http.Answer ok = s.gateway()
                    .postApi(
                            "/api/v1/login/wecom-miniprogram",
                            Map.of(
                                    "code",
                                    code(
                                            UPSTREAM,
                                            Map.of(
                                                    "flow",
                                                    "wecom-miniprogram",
                                                    "agentid",
                                                    "1000002",
                                                    "userid",
                                                    "lisi"))));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertDemoCodeRefused(
                    s,
                    "/api/v1/login/wecom-miniprogram",
                    Map.of("flow", "wecom-miniprogram", "agentid", "1000002", "userid", "lisi"),
                    Map.of());

            // the README's step 5: the browser goes to the configured corp's page and back to the public URL
            String location =
                    s.gateway().startLocation("/login/wecom?return_to=" + Gateway.enc("https://app.example.com/"));
            assertThat(location)
                    .startsWith(UPSTREAM.baseUrl() + "/connect/oauth2/authorize?appid="
                            + UPSTREAM.fixture().corpId())
                    .contains("redirect_uri=" + Gateway.enc("https://login.example.com/login/wecom/callback"));
            Http.Answer evil = s.gateway()
                    .http()
                    .get(s.gateway().base() + "/login/wecom?return_to=" + Gateway.enc("https://evil.example/"));
            assertThat(evil.status()).isEqualTo(400);
        }
    }

    static final String SPA_CALLBACK = "https://spa.example.com/callback";

    /** A fresh state of the API flow for {@code app}. */
    private static String state(Started s, String app) {
        Http.Answer a = s.gateway()
                .http()
                .get(s.gateway().base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE + "&app=" + app
                        + "&redirect_uri=" + Gateway.enc(SPA_CALLBACK));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("url").asString()).contains("agentid=1000003");
        return a.json().get("state").asString();
    }

    @Test
    void severalWeComAppsWhenConfiguredThenProductionWithEachApp() {
        List<String> args = new ArrayList<>(List.of(
                "--wegate.wecom.corp-id=" + UPSTREAM.fixture().corpId(),
                "--wegate.wecom.agent-id=1000002",
                "--wegate.wecom.secret="
                        + UPSTREAM.fixture().app("1000002").orElseThrow().secret(),
                "--wegate.wecom.apps[0].id=attendance",
                "--wegate.wecom.apps[0].agent-id=1000003",
                "--wegate.wecom.apps[0].secret="
                        + UPSTREAM.fixture().app("1000003").orElseThrow().secret(),
                "--wegate.login.allowed-redirect-uris=" + SPA_CALLBACK));
        args.addAll(upstreamHosts());
        try (Started s = start(Map.of(), args)) {
            assertProduction(s);
            assertThat(s.apps().wecom())
                    .extracting(WeComLoginApp::id, a -> a.app().agentId())
                    .containsExactly(tuple("default", "1000002"), tuple("attendance", "1000003"));
            assertThat(s.info().get("apps").get("wecom").toString()).isEqualTo("[\"default\",\"attendance\"]");

            // the API flow with ?app=attendance: that agent's page, that agent's exchange
            UPSTREAM.addTrustedDomain("1000003", "spa.example.com");
            DEMO.addTrustedDomain("1000003", "spa.example.com");
            Map<String, Object> mint =
                    Map.of("flow", "wecom-web", "agentid", "1000003", "userid", "lisi", "redirect_uri", SPA_CALLBACK);
            Http.Answer ok = s.gateway()
                    .postApi(
                            "/api/v1/login/wecom",
                            Map.of(
                                    "code",
                                    code(UPSTREAM, mint),
                                    "state",
                                    state(s, "attendance"),
                                    "state_verifier",
                                    Gateway.TEST_VERIFIER));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json()
                            .get("account")
                            .get("identities")
                            .get(0)
                            .get("app_id")
                            .asString())
                    .isEqualTo("1000003");
            assertDemoCodeRefused(
                    s,
                    "/api/v1/login/wecom",
                    mint,
                    Map.of("state", state(s, "attendance"), "state_verifier", Gateway.TEST_VERIFIER));
        }
    }

    /** Issue 7: this configuration alone used to start in sandbox mode and serve the demo apps. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"as command-line arguments", "as environment variables"})
    void readmeWeChatExampleWhenOnlyWeChatAppsConfiguredThenProductionWithThoseApps(String how) throws Exception {
        Command readme = Command.readme("## Running against real WeChat apps").filled();
        Command c = how.startsWith("as env") ? readme.asEnvironment() : readme;
        if (how.startsWith("as env")) {
            assertThat(c.env()).containsKeys("WEGATE_WECHAT_APPS_0_APP_ID", "WEGATE_WECHAT_APPS_1_SECRET");
        }
        List<String> args = new ArrayList<>(c.commandLine());
        args.addAll(upstreamHosts());
        WeChatFixture.App mp = wechatApp("official-account");
        WeChatFixture.App mini = wechatApp("miniprogram");
        try (Started s = start(c.env(), args)) {
            assertProduction(s);
            assertThat(s.apps().wecom()).isEmpty();
            assertThat(s.apps().wechat())
                    .extracting(
                            WeChatLoginApp::id,
                            WeChatLoginApp::kind,
                            a -> a.app().appId())
                    .containsExactly(
                            tuple("mp", WeChatProperties.Kind.OFFICIAL_ACCOUNT, mp.appid()),
                            tuple("mini", WeChatProperties.Kind.MINIPROGRAM, mini.appid()));
            assertThat(s.info().get("apps").get("wechat").toString())
                    .isEqualTo("{\"mp\":\"official-account\",\"mini\":\"miniprogram\"}");

            assertThat(s.gateway().startLocation("/login/wechat-mp?return_to=/"))
                    .startsWith(UPSTREAM.baseUrl() + "/connect/oauth2/authorize?appid=" + mp.appid());
            Map<String, Object> mint = Map.of("flow", "wechat-miniprogram", "appid", mini.appid(), "user", "xiaoming");
            Http.Answer ok =
                    s.gateway().postApi("/api/v1/login/wechat-miniprogram", Map.of("code", code(UPSTREAM, mint)));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertDemoCodeRefused(s, "/api/v1/login/wechat-miniprogram", mint, Map.of());
        }
    }
}
