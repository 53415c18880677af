package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.WegateApplication;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
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
import tools.jackson.databind.JsonNode;

/**
 * OIDC authorizations live in the database, not in one instance: gateways on one PostgreSQL take
 * each other's refresh tokens, a restarted gateway still knows them, a reuse at one instance ends
 * the login at all, and of two refreshes of one token at two instances exactly one wins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcAuthorizationsAcrossInstancesTest {

    static final TestDatabases.Db DB = TestDatabases.postgres();
    static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    static final OidcClient rp = OidcClient.demo();
    static Gateway a;
    static Gateway b;

    static Gateway start() {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(WegateApplication.class)
                .run(
                        "--server.port=0",
                        "--wegate.sandbox.port=0",
                        "--wegate.data-dir=target/test-data",
                        "--wegate.token.issuer=https://wegate.test",
                        "--wegate.login.failed-logins-per-minute=0",
                        "--wegate.login.starts-per-minute=0",
                        "--spring.datasource.url=" + DB.url(),
                        "--spring.datasource.username=" + DB.user(),
                        "--spring.datasource.password=" + DB.password(),
                        "--logging.level.root=WARN");
        contexts.add(ctx);
        return new Gateway(((WebServerApplicationContext) ctx).getWebServer().getPort(), ctx.getBean(Sandbox.class));
    }

    @BeforeAll
    static void startTwo() {
        a = start();
        b = start();
    }

    @AfterAll
    static void stopAll() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @Order(1)
    void whenIssuedAtOneInstanceThenRefreshedAtAnotherAndReuseThereEndsTheLoginEverywhere() {
        JsonNode issued = rp.tokens(a, "zhangsan");
        String r1 = issued.get("refresh_token").asString();

        Http.Answer atB = rp.refresh(b, r1);

        assertThat(atB.status()).as(atB.body()).isEqualTo(200);
        String r2 = atB.json().get("refresh_token").asString();
        assertThat(rp.introspect(a, atB.json().get("access_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        // the rotated token presented again, at the first instance: the login ends, everywhere
        assertThat(rp.refresh(a, r1).json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(rp.refresh(b, r2).json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(rp.introspect(b, atB.json().get("access_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    @Order(2)
    void whenTheSameRefreshTokenIsPresentedAtTwoInstancesAtOnceThenExactlyOneWins() throws Exception {
        String refresh = rp.tokens(a, "lisi").get("refresh_token").asString();
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Gateway g : List.of(a, b)) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return rp.refresh(g, refresh);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Answer> f : answers) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 400);
        }
    }

    @Test
    @Order(3)
    void whenAnInstanceRestartsThenTheOidcRefreshTokensItIssuedStillWork() {
        JsonNode issued = rp.tokens(a, "wangwu");
        contexts.remove(0).close();

        Gateway c = start();
        Http.Answer refreshed = rp.refresh(c, issued.get("refresh_token").asString());

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(c.http()
                        .get(
                                c.base() + "/userinfo",
                                java.util.Map.of(
                                        "Authorization",
                                        "Bearer "
                                                + refreshed
                                                        .json()
                                                        .get("access_token")
                                                        .asString()))
                        .status())
                .isEqualTo(200);
        a = c;
    }
}
