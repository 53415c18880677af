package io.wegate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.WegateApplication;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.MovableClock;
import io.wegate.server.support.TestClockConfiguration;
import io.wegate.server.support.TestDatabases;
import io.wegate.server.token.SigningKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances on one PostgreSQL, each with its own clock: a rotation at A is verified and served
 * by B without a restart — at once for a token with the new kid, and in B's JWKS after B's refresh
 * interval — and the rotation schedule rotates once per interval for the whole cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeyClusterTest {

    static TestDatabases.Db db;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    static ConfigurableApplicationContext start(String prePublication, String refresh) {
        return new SpringApplicationBuilder(WegateApplication.class, TestClockConfiguration.class)
                .run(
                        "--server.port=0",
                        "--wegate.sandbox.port=0",
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.user(),
                        "--spring.datasource.password=" + db.password(),
                        "--wegate.token.issuer=https://wegate.test",
                        "--wegate.admin.token=" + Gateway.ADMIN_TOKEN,
                        "--wegate.login.starts-per-minute=0",
                        "--wegate.token.key-pre-publication=" + prePublication,
                        "--wegate.token.key-refresh-interval=" + refresh,
                        "--wegate.token.key-rotation-interval=1d",
                        "--logging.level.root=WARN");
    }

    @BeforeAll
    static void startTwo() {
        db = TestDatabases.postgres();
        a = start("10m", "60s");
        // B reloads only every hour: what it learns sooner, it learns from an unknown kid
        b = start("1h", "1h");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    static Gateway gateway(ConfigurableApplicationContext ctx) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Gateway(port, ctx.getBean(Sandbox.class));
    }

    static MovableClock clock(ConfigurableApplicationContext ctx) {
        return ctx.getBean(MovableClock.class);
    }

    static List<String> jwks(ConfigurableApplicationContext ctx, String path) throws Exception {
        Gateway g = gateway(ctx);
        return JWKSet.parse(g.http().get(g.base() + path).body()).getKeys().stream()
                .map(JWK::getKeyID)
                .toList();
    }

    @Test
    @Order(1)
    void startWhenTwoInstancesShareTheDatabaseThenOneKeyPerAlgorithmAndTheSameJwks() throws Exception {
        assertThat(jwks(a, "/.well-known/jwks.json")).hasSize(2).isEqualTo(jwks(b, "/.well-known/jwks.json"));
        assertThat(jwks(a, "/oauth2/jwks")).containsExactlyInAnyOrderElementsOf(jwks(b, "/oauth2/jwks"));
    }

    @Test
    @Order(2)
    void rotationWhenMadeAtAThenBVerifiesItsTokensAtOnceAndServesItAfterItsRefresh() throws Exception {
        b.getBean(SigningKeys.class).refresh();
        String kid = gateway(a)
                .admin("POST", "/api/v1/admin/keys/rotate", java.util.Map.of("algorithm", "ES256"))
                .json()
                .get("keys")
                .get(0)
                .get("kid")
                .asString();
        assertThat(jwks(a, "/.well-known/jwks.json")).contains(kid);
        assertThat(jwks(a, "/oauth2/jwks")).contains(kid);
        assertThat(jwks(b, "/.well-known/jwks.json")).as("B has not reloaded").doesNotContain(kid);

        // the key activates at A; B's clock is close behind, its refresh hours away
        clock(a).advance(Duration.ofMinutes(10).plusSeconds(1));
        clock(b).advance(Duration.ofMinutes(10));
        String token = gateway(a).loginAs("zhangsan").get("access_token").asString();
        assertThat(JWSObject.parse(token).getHeader().getKeyID()).isEqualTo(kid);

        assertThat(gateway(b).me(token).status()).as("unknown kid reloads").isEqualTo(200);
        assertThat(jwks(b, "/.well-known/jwks.json")).contains(kid);

        String next = gateway(a)
                .admin("POST", "/api/v1/admin/keys/rotate", java.util.Map.of("algorithm", "RS256"))
                .json()
                .get("keys")
                .get(0)
                .get("kid")
                .asString();
        assertThat(jwks(b, "/oauth2/jwks")).doesNotContain(next);
        clock(b).advance(Duration.ofHours(1));
        assertThat(jwks(b, "/oauth2/jwks")).as("after B's refresh interval").contains(next);
        assertThat(jwks(b, "/.well-known/jwks.json")).contains(next);
    }

    @Test
    @Order(3)
    void scheduleWhenIntervalPassedOnBothInstancesThenOneRotationPerAlgorithm() throws Exception {
        JdbcClient jdbc = a.getBean(JdbcClient.class);
        long before =
                jdbc.sql("select count(*) from signing_key").query(Long.class).single();
        clock(a).advance(Duration.ofDays(1));
        clock(b).advance(Duration.ofDays(1).plusMinutes(11));
        List<Future<?>> ticks = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                ConfigurableApplicationContext ctx = i % 2 == 0 ? a : b;
                ticks.add(
                        pool.submit(() -> ctx.getBean(KeyRefreshSchedule.class).tick()));
            }
            for (Future<?> f : ticks) {
                f.get();
            }
        }
        List<String> scheduled = jdbc.sql(
                        "select detail from audit_event where event = 'admin.key.rotated' and detail like 'via=schedule%'")
                .query(String.class)
                .list();
        assertThat(scheduled).hasSize(2);
        assertThat(scheduled).anySatisfy(d -> assertThat(d).contains("alg=ES256"));
        assertThat(scheduled).anySatisfy(d -> assertThat(d).contains("alg=RS256"));
        // old keys gone after the day may have been deleted; the new ones are one per algorithm
        List<String> published = jdbc.sql("select algorithm from signing_key where created_at > ?")
                .param(clock(a).millis() - Duration.ofMinutes(5).toMillis())
                .query(String.class)
                .list();
        assertThat(published).containsExactlyInAnyOrder("ES256", "RS256");
        assertThat(before).isPositive();

        // another tick right after does not rotate again
        a.getBean(KeyRefreshSchedule.class).tick();
        b.getBean(KeyRefreshSchedule.class).tick();
        assertThat(jdbc.sql("select count(*) from audit_event where detail like 'via=schedule%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }
}
