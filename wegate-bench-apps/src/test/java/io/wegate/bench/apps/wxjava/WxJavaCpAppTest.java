package io.wegate.bench.apps.wxjava;

import static io.wegate.bench.apps.wxjava.BenchHttp.baseUrl;
import static io.wegate.bench.apps.wxjava.BenchHttp.get;
import static io.wegate.bench.apps.wxjava.BenchHttp.json;
import static io.wegate.bench.apps.wxjava.BenchHttp.login;
import static io.wegate.bench.apps.wxjava.BenchHttp.loginWithCode;
import static io.wegate.bench.apps.wxjava.BenchHttp.mintCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.wegate.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

/** The WxJava contender as the bench drives it: real HTTP to the app, the app's WxJava to an in-process sandbox. */
class WxJavaCpAppTest {

    private static Sandbox sandbox;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().start();
        app = BenchHttp.startApp(sandbox);
    }

    @AfterAll
    static void stop() {
        app.close();
        sandbox.close();
    }

    @Test
    void whenMemberLogsInThenJwtVerifiesWithTheAppsKeyAndTheUserRowExists() throws Exception {
        HttpResponse<String> response = loginWithCode(app, mintCode(sandbox, "zhangsan"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        long userId = body.get("user_id").asLong();
        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
        JWKSet keys = JWKSet.parse(get(baseUrl(app).resolve("/jwks")).body());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.verify(new ECDSAVerifier(
                        keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey())))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(Long.toString(userId));
        assertThat(Duration.between(
                        jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                        jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        Map<String, Object> row = app.getBean(JdbcTemplate.class)
                .queryForMap("select wecom_userid, name from bench_user where id = ?", userId);
        assertThat(row).containsEntry("WECOM_USERID", "zhangsan").containsEntry("NAME", "张三");
    }

    @Test
    void whenMemberLogsInTwiceThenTheirRowIsUpdatedNotDuplicated() {
        HttpResponse<String> first = loginWithCode(app, mintCode(sandbox, "lisi"));
        HttpResponse<String> second = loginWithCode(app, mintCode(sandbox, "lisi"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second).get("user_id").asLong())
                .isEqualTo(json(first).get("user_id").asLong());
        assertThat(app.getBean(JdbcTemplate.class)
                        .queryForObject("select count(*) from bench_user where wecom_userid = 'lisi'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void whenCodeReplayedThen502WithWeComsErrcode40029() {
        String code = mintCode(sandbox, "wangwu");
        assertThat(loginWithCode(app, code).statusCode()).isEqualTo(200);

        HttpResponse<String> replayed = loginWithCode(app, code);

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(502);
        assertThat(json(replayed).get("error").asString()).isEqualTo("upstream");
        assertThat(json(replayed).get("errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void whenNoCodeThen400() {
        HttpResponse<String> response = login(app, "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    @Test
    void whenCodeIsNotUrlSafeThen400AndWeComIsNotAsked() {
        long asked = sandbox.stats().getOrDefault("/cgi-bin/user/getuserinfo", 0L);

        HttpResponse<String> response = login(app, "{\"code\":\"abc&userid=zhouba\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(sandbox.stats().getOrDefault("/cgi-bin/user/getuserinfo", 0L))
                .isEqualTo(asked);
    }

    @Test
    void whenAppRunsThenNoSecurityChainNorTheAuthorizationServerAppsBeans() {
        assertThat(app.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
        assertThat(app.getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
        // no login form: GET /login is just a method the endpoint does not serve
        assertThat(get(baseUrl(app).resolve("/login")).statusCode()).isEqualTo(405);
        assertThat(get(baseUrl(app).resolve("/health")).statusCode()).isEqualTo(200);
    }
}
