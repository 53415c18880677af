package io.wegate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.TestDatabases;
import io.wegate.server.support.TestRedis;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void loginsWhenRedisStopsAndReturnsThenNoneFailAndInstancesShareOneTokenAgain() throws Exception {
        List<Instances.Prepared> warm = cluster.prepare(90, MEMBERS);
        assertThat(run(warm, () -> {})).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(cluster.gettokenCalls()).isEqualTo(1);

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
