package io.wegate.server.cluster;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.WegateApplication;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.TestDatabases;
import io.wegate.server.support.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * N wegate instances (separate Spring contexts, separate ports) on one Redis, one database and one
 * upstream (a standalone sandbox), configured as a production cluster would be.
 */
final class Instances implements AutoCloseable {

    static final String REDIRECT = "https://spa.example.com/callback";

    final Sandbox sandbox;
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final List<Gateway> gateways = new ArrayList<>();
    final String keyPrefix = "wegate-test-" + UUID.randomUUID() + ":";

    Instances(int n, TestDatabases.Db db, TestRedis.Endpoint redis) {
        sandbox = Sandbox.builder().start();
        sandbox.addTrustedDomain("1000002", "spa.example.com");
        for (int i = 0; i < n; i++) {
            ConfigurableApplicationContext ctx = new SpringApplicationBuilder(WegateApplication.class)
                    .run(
                            "--server.port=0",
                            "--wegate.sandbox.enabled=false",
                            "--wegate.wecom.corp-id=" + sandbox.fixture().corpId(),
                            "--wegate.wecom.agent-id=1000002",
                            "--wegate.wecom.secret="
                                    + sandbox.fixture()
                                            .app("1000002")
                                            .orElseThrow()
                                            .secret(),
                            "--wegate.wecom.api-base-url=" + sandbox.baseUrl(),
                            "--wegate.wecom.authorize-base-url=" + sandbox.baseUrl(),
                            "--wegate.login.allowed-redirect-uris=" + REDIRECT,
                            "--wegate.wechat.api-base-url=" + sandbox.baseUrl(),
                            "--wegate.wechat.apps[0].id=mini",
                            "--wegate.wechat.apps[0].kind=miniprogram",
                            "--wegate.wechat.apps[0].app-id=" + miniProgram().appid(),
                            "--wegate.wechat.apps[0].secret=" + miniProgram().secret(),
                            "--wegate.token.issuer=https://wegate.test",
                            "--wegate.store=redis",
                            "--wegate.redis.key-prefix=" + keyPrefix,
                            "--spring.data.redis.host=" + redis.host(),
                            "--spring.data.redis.port=" + redis.port(),
                            "--spring.datasource.url=" + db.url(),
                            "--spring.datasource.username=" + db.user(),
                            "--spring.datasource.password=" + db.password(),
                            "--spring.datasource.hikari.maximum-pool-size=20",
                            "--spring.datasource.hikari.connection-timeout=60000",
                            "--server.tomcat.accept-count=4096",
                            // thousands of logins from one address are the load, not an attack
                            "--wegate.login.starts-per-minute=0",
                            // thousands of logins at once on 2 shared cores queue for seconds: the
                            // tests are about counts and failures, not about these timeouts
                            "--wegate.upstream.connect-timeout=10s",
                            "--wegate.upstream.request-timeout=30s",
                            "--wegate.upstream.deadline=60s",
                            "--wegate.upstream.quota-warning=3",
                            "--wegate.management.password=" + Gateway.OPERATOR_PASSWORD,
                            "--logging.level.root=WARN");
            contexts.add(ctx);
            gateways.add(new Gateway(
                    ((WebServerApplicationContext) ctx).getWebServer().getPort(), sandbox));
        }
    }

    io.wegate.sandbox.WeChatFixture.App miniProgram() {
        return sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == io.wegate.sandbox.WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow();
    }

    Gateway instance(int i) {
        return gateways.get(i % gateways.size());
    }

    long gettokenCalls() {
        return sandbox.stats().getOrDefault("/cgi-bin/gettoken", 0L);
    }

    /** A code and a state ready for a login on instance {@code i}, minted up front. */
    record Prepared(int instance, String code, String state) {}

    List<Prepared> prepare(int n, List<String> members) throws Exception {
        List<Future<Prepared>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    Gateway g = instance(k);
                    String state = g.http()
                            .get(g.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE
                                    + "&redirect_uri=" + Gateway.enc(REDIRECT))
                            .json()
                            .get("state")
                            .asString();
                    String code = g.mint(Map.of(
                                    "flow",
                                    "wecom-web",
                                    "agentid",
                                    "1000002",
                                    "userid",
                                    members.get(k % members.size()),
                                    "scope",
                                    "snsapi_base",
                                    "redirect_uri",
                                    REDIRECT))
                            .get("code")
                            .asString();
                    return new Prepared(k % gateways.size(), code, state);
                }));
            }
            List<Prepared> out = new ArrayList<>();
            for (Future<Prepared> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    /** Posts every prepared login at once (virtual threads), each to its instance. */
    List<Future<Http.Answer>> fire(ExecutorService pool, List<Prepared> logins) {
        List<Future<Http.Answer>> out = new ArrayList<>();
        for (Prepared p : logins) {
            out.add(pool.submit(() -> instance(p.instance()).login(p.code(), p.state())));
        }
        return out;
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        sandbox.close();
    }
}
