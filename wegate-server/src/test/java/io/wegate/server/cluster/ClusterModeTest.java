package io.wegate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.fault.Hold;
import io.wegate.server.oidc.OidcClientRegistry;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.PrivateKeyJwtClient;
import io.wegate.server.support.TestDatabases;
import io.wegate.server.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Three instances on one Redis and one PostgreSQL: the upstream sees what one perfect instance would
 * cause, and a one-time value used on one instance is used for all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class ClusterModeTest {

    static final List<String> MEMBERS = List.of("zhouba", "lisi", "zhangsan", "sunqi", "wangwu", "zhaoliu");
    static Instances cluster;

    @BeforeAll
    static void start() {
        cluster = new Instances(3, TestDatabases.postgres(), TestRedis.shared());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static List<Http.Answer> await(List<Future<Http.Answer>> futures) throws Exception {
        List<Http.Answer> out = new ArrayList<>();
        for (Future<Http.Answer> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    @Order(1)
    void loginWhenThreeThousandConcurrentAcrossInstancesOnColdStartThenOneGettoken() throws Exception {
        List<Instances.Prepared> logins = cluster.prepare(3000, MEMBERS);
        assertThat(cluster.gettokenCalls()).isZero();

        List<Http.Answer> answers;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            answers = await(cluster.fire(pool, logins));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(cluster.gettokenCalls()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void loginWhenUpstreamInvalidatesTokenWhileThousandInFlightThenOneMoreGettokenAndNoFailure() throws Exception {
        List<Instances.Prepared> logins = cluster.prepare(1000, MEMBERS);
        long before = cluster.gettokenCalls();
        // The first 100 logins to reach WeCom wait there, holding the token every instance has cached, until
        // WeCom has dropped it: they are provably in flight when it goes, and each of them meets 40014 (waiting
        // for some logins to finish instead left it to the scheduler whether any call came after the drop).
        Hold held = cluster.sandbox.hold("/cgi-bin/auth/getuserinfo", 100);

        List<Http.Answer> answers;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Answer>> inFlight = cluster.fire(pool, logins);
            held.awaitHeld(100, Duration.ofMinutes(2));
            cluster.sandbox.invalidateTokens();
            held.release();
            answers = await(inFlight);
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(cluster.gettokenCalls() - before).isEqualTo(1);
        // the scenario happened: at least the held logins were refused the dropped token
        assertThat(cluster.sandbox.errorStats().get("/cgi-bin/auth/getuserinfo").get("40014"))
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    @Order(3)
    void loginWhenStartedOnOneInstanceThenFinishesOnAnother() {
        Gateway one = cluster.instance(0);
        Gateway two = cluster.instance(1);
        String state = one.http()
                .get(one.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE + "&redirect_uri="
                        + Gateway.enc(Instances.REDIRECT))
                .json()
                .get("state")
                .asString();
        String code = one.mint(Map.of(
                        "flow",
                        "wecom-web",
                        "agentid",
                        "1000002",
                        "userid",
                        "lisi",
                        "redirect_uri",
                        Instances.REDIRECT))
                .get("code")
                .asString();

        Http.Answer a = two.login(code, state);

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        // and the state is gone everywhere: a replay on the third instance fails
        assertThat(cluster.instance(2).login(code, state).json().get("error").asString())
                .isEqualTo("invalid_state");
    }

    @Test
    @Order(4)
    void refreshWhenRotatedOnOneInstanceThenReuseOnAnotherIsDetected() {
        Gateway one = cluster.instance(0);
        Gateway two = cluster.instance(1);
        Gateway three = cluster.instance(2);
        Http.Answer login = one.login(
                one.mint(Map.of(
                                "flow",
                                "wecom-web",
                                "agentid",
                                "1000002",
                                "userid",
                                "sunqi",
                                "redirect_uri",
                                Instances.REDIRECT))
                        .get("code")
                        .asString(),
                one.http()
                        .get(one.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE
                                + "&redirect_uri=" + Gateway.enc(Instances.REDIRECT))
                        .json()
                        .get("state")
                        .asString());
        String r1 = login.json().get("refresh_token").asString();
        String access = login.json().get("access_token").asString();

        // a token from one instance is accepted by the others (same key, same issuer)
        assertThat(three.me(access).status()).isEqualTo(200);
        assertThat(one.refresh(r1).status()).isEqualTo(200);
        Http.Answer reuse = two.refresh(r1);

        assertThat(reuse.json().get("error").asString()).isEqualTo("refresh_token_reused");
        // and the reuse ended the login on every instance
        assertThat(three.me(access).status()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void browserSessionWhenStartedOnOneInstanceThenValidOnAnother() {
        Gateway one = cluster.instance(0);
        Gateway two = cluster.instance(1);
        String start = one.startLocation("/login/wecom?return_to=/");
        String redirect = java.net.URLDecoder.decode(
                start.replaceAll(".*[?&]redirect_uri=([^&#]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        cluster.sandbox.addTrustedDomain(
                "1000002", java.net.URI.create(redirect).getAuthority());
        Gateway.BrowserLogin login = one.browserLogin(
                "/login/wecom?return_to=/",
                r -> one.mint(Map.of("flow", "wecom-web", "agentid", "1000002", "userid", "zhaoliu", "redirect_uri", r))
                        .get("code")
                        .asString());
        assertThat(login.callback().status()).as(login.callback().body()).isEqualTo(302);
        assertThat(login.sessionCookie()).startsWith("WEGATE_SESSION=");

        // the next page load lands on another instance
        Http.Answer home = two.http().get(two.base() + "/", Map.of("Cookie", login.sessionCookie()));
        assertThat(home.body()).contains("赵六");
    }

    @Test
    @Order(6)
    void miniProgramWhenLoggedInOnOneInstanceThenPhoneDecryptedOnAnother() {
        Gateway one = cluster.instance(0);
        Gateway two = cluster.instance(1);
        String appid = cluster.miniProgram().appid();
        String code = one.mint(Map.of("flow", "wechat-miniprogram", "appid", appid, "user", "laowang"))
                .get("code")
                .asString();
        JsonNode login = one.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", code))
                .json();
        JsonNode enc = one.http()
                .postJson(
                        cluster.sandbox.baseUrl() + "/sandbox/encrypted-data",
                        Map.of("appid", appid, "user", "laowang", "kind", "phone"))
                .json();

        Http.Answer phone = two.postApi(
                "/api/v1/login/wechat-miniprogram/phone",
                login.get("access_token").asString(),
                Map.of(
                        "encrypted_data",
                        enc.get("encryptedData").asString(),
                        "iv",
                        enc.get("iv").asString()));

        assertThat(phone.status()).as(phone.body()).isEqualTo(200);
        assertThat(phone.json().get("mobile").asString()).startsWith("+86");
    }

    @Test
    @Order(7)
    void quotaWhenTokensFetchedOnSeveralInstancesThenCountedOnceForTheClusterAndWarnedAtThreshold(CapturedOutput output)
            throws Exception {
        Gateway any = cluster.instance(2);
        String app = "wecom:" + cluster.sandbox.fixture().corpId() + ":1000002";
        JsonNode before = any.operator("/actuator/upstreamquota").json();
        assertThat(before.get("scope").asString()).isEqualTo("cluster");
        assertThat(before.get("token_calls").get(app).asLong()).isEqualTo(cluster.gettokenCalls());

        // a third token fetch crosses wegate.upstream.quota-warning=3
        cluster.sandbox.invalidateTokens();
        List<Http.Answer> answers;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            answers = await(cluster.fire(pool, cluster.prepare(30, MEMBERS)));
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));

        JsonNode after = cluster.instance(0).operator("/actuator/upstreamquota").json();
        assertThat(after.get("token_calls").get(app).asLong()).isEqualTo(3).isEqualTo(cluster.gettokenCalls());
        assertThat(output.getAll()).contains("has made 3 access-token calls today");
    }

    @Test
    @Order(8)
    void privateKeyJwtWhenAnAssertionIsUsedOnOneInstanceThenEveryOtherRefusesIt() {
        try (PrivateKeyJwtClient rp = PrivateKeyJwtClient.start()) {
            Map<String, Object> answer = cluster.contexts
                    .get(0)
                    .getBean(OidcClientRegistry.class)
                    .create(Http.JSON.valueToTree(rp.metadata(null)), "cli", id -> {});
            rp.registeredAs((String) answer.get("client_id"), "RS256");
            // addressed to the cluster's issuer
            String once = rp.assertion(rp.claims(cluster.instance(0))
                    .audience("https://wegate.test")
                    .build());

            Http.Answer first = rp.post(cluster.instance(0), "/oauth2/introspect", "token=x", once);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            for (int i = 1; i < 3; i++) {
                Http.Answer replay = rp.post(cluster.instance(i), "/oauth2/introspect", "token=x", once);
                assertThat(replay.status())
                        .as("instance " + i + ": " + replay.body())
                        .isEqualTo(401);
                assertThat(replay.json().get("error").asString()).isEqualTo("invalid_client");
            }
            // a fresh assertion works there: the client is known to every instance
            Http.Answer fresh = rp.post(
                    cluster.instance(1),
                    "/oauth2/introspect",
                    "token=x",
                    rp.assertion(rp.claims(cluster.instance(1))
                            .audience("https://wegate.test")
                            .build()));
            assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        }
    }
}
