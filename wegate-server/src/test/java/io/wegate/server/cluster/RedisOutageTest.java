package io.wegate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.TestDatabases;
import io.wegate.server.support.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redis stops in the middle of a login run and comes back: no login fails, the instances converge. */
class RedisOutageTest {

    static final List<String> MEMBERS = List.of("zhouba", "lisi", "zhangsan", "sunqi", "wangwu", "zhaoliu");
    static TestRedis.Endpoint redis;
    static Instances cluster;

    @BeforeAll
    static void start() {
        redis = TestRedis.own();
        cluster = new Instances(3, TestDatabases.postgres(), redis);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        redis.server().stop();
    }

    private static List<Http.Answer> run(List<Instances.Prepared> logins, Runnable midway) throws Exception {
        List<Http.Answer> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            List<Future<Http.Answer>> inFlight = cluster.fire(pool, logins);
            while (inFlight.stream().filter(Future::isDone).count() < logins.size() / 3) {
                Thread.onSpinWait();
            }
            midway.run();
            for (Future<Http.Answer> f : inFlight) {
                out.add(f.get());
            }
        }
        return out;
    }

    private static String health(Gateway g) {
        return g.operator("/actuator/health")
                .json()
                .get("components")
                .get("wegate")
                .get("status")
                .asString();
    }

    private static Gateway.BrowserLogin browserLogin(Gateway g, String userid) {
        String start = g.startLocation("/login/wecom?return_to=/");
        String redirect = java.net.URLDecoder.decode(
                start.replaceAll(".*[?&]redirect_uri=([^&#]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        cluster.sandbox.addTrustedDomain(
                "1000002", java.net.URI.create(redirect).getAuthority());
        return g.browserLogin(
                "/login/wecom?return_to=/",
                r -> g.mint(java.util.Map.of(
                                "flow", "wecom-web", "agentid", "1000002", "userid", userid, "redirect_uri", r))
                        .get("code")
                        .asString());
    }

    @Test
    void loginsWhenRedisStopsAndReturnsThenNoneFailAndInstancesShareOneTokenAgain() throws Exception {
        List<Instances.Prepared> warm = cluster.prepare(90, MEMBERS);
        assertThat(run(warm, () -> {})).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(cluster.gettokenCalls()).isEqualTo(1);

        Gateway.BrowserLogin before = browserLogin(cluster.instance(0), "zhaoliu");
        assertThat(before.callback().status()).isEqualTo(302);
        List<Instances.Prepared> during = cluster.prepare(600, MEMBERS);
        List<Http.Answer> answers = run(during, () -> {
            try {
                redis.server().stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(health(cluster.instance(0))).isEqualTo("DEGRADED");
        // browsers too: a session from before the outage is no error, and a browser login made
        // during it works on the instance that made it
        Gateway one = cluster.instance(0);
        assertThat(one.http()
                        .get(one.base() + "/", Map.of("Cookie", before.sessionCookie()))
                        .status())
                .isEqualTo(200);
        Gateway.BrowserLogin duringOutage = browserLogin(one, "zhouba");
        assertThat(duringOutage.callback().status())
                .as(duringOutage.callback().body())
                .isEqualTo(302);
        assertThat(duringOutage.tokens(one).get("token_type").asString()).isEqualTo("Bearer");

        redis.server().start();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < 3; i++) {
            while (!health(cluster.instance(i)).equals("UP") && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        }
        List<Instances.Prepared> after = cluster.prepare(90, MEMBERS);
        assertThat(run(after, () -> {}))
                .allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));

        for (int i = 0; i < 3; i++) {
            assertThat(health(cluster.instance(i))).isEqualTo("UP");
        }
        // WeCom hands out the same token while it is valid: however often the instances asked during
        // the outage, the token in Redis now is the one every instance uses
        String upstream = cluster.instance(0)
                .http()
                .get(cluster.sandbox.baseUrl() + "/cgi-bin/gettoken?corpid="
                        + cluster.sandbox.fixture().corpId() + "&corpsecret="
                        + cluster.sandbox.fixture().app("1000002").orElseThrow().secret())
                .json()
                .get("access_token")
                .asString();
        try (var jedis = new redis.clients.jedis.Jedis(redis.host(), redis.port())) {
            String stored = jedis.get(cluster.keyPrefix + "token:wecom:"
                    + cluster.sandbox.fixture().corpId() + ":1000002");
            assertThat(stored).endsWith("|" + upstream);
        }
    }
}
