package io.wegate.bench.apps.wecomlogin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.wegate.bench.apps.sas.SasDefaultsApp;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The contract of issue 9, run against each WeCom login contender by a subclass: a login answers a verifiable JWT
 * and upserts the member's row, a replayed code is WeCom's 40029 as a 502, no code is a 400, health is a 200.
 */
public abstract class WeComLoginContractTest {

    protected TestUpstream upstream;
    protected RunningContender app;

    /** The contender under test, started against {@code upstream}. */
    protected abstract RunningContender startContender(TestUpstream upstream);

    @BeforeEach
    void startUpstreamAndContender() {
        upstream = TestUpstream.start();
        app = startContender(upstream);
    }

    @AfterEach
    void stopContenderAndUpstream() {
        if (app != null) {
            app.close();
        }
        upstream.close();
    }

    @Test
    void whenMemberLogsInThenTheJwtVerifiesAndTheUserRowExists() throws Exception {
        RunningContender.Answer answer = app.login(upstream.mintCode("zhangsan"));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        long userId = answer.body().get("user_id").asLong();
        JWTClaimsSet claims = app.verify(answer.body().get("access_token").asString());
        assertThat(claims.getSubject()).isEqualTo(Long.toString(userId));
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(TestUpstream.START));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(TestUpstream.START.plus(Duration.ofMinutes(15))));
        assertThat(row(userId))
                .containsEntry("WECOM_USERID", "zhangsan")
                .containsEntry("NAME", "张三")
                .containsEntry("LOGINS", 1);
    }

    @Test
    void whenMemberLogsInAgainThenTheRowIsUpdatedNotDuplicated() {
        long first = app.login(upstream.mintCode("lisi")).body().get("user_id").asLong();

        RunningContender.Answer again = app.login(upstream.mintCode("lisi"));

        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().get("user_id").asLong()).isEqualTo(first);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM bench_user", Long.class))
                .isOne();
        assertThat(row(first)).containsEntry("LOGINS", 2);
    }

    @Test
    void whenCodeIsReplayedThenTheAnswerIs502WithErrcode40029() {
        String code = upstream.mintCode("wangwu");
        assertThat(app.login(code).status()).isEqualTo(200);

        RunningContender.Answer replay = app.login(code);

        assertThat(replay.status()).isEqualTo(502);
        assertThat(replay.body().get("error").asString()).isEqualTo("upstream");
        assertThat(replay.body().get("errcode").asInt()).isEqualTo(40029);
        assertThat(app.jdbc()
                        .queryForObject("SELECT logins FROM bench_user WHERE wecom_userid = 'wangwu'", Integer.class))
                .isOne();
    }

    @Test
    void whenCodeIsMissingThenTheAnswerIs400AndWeComIsNotCalled() {
        assertThat(app.post("/login", "{}").status()).isEqualTo(400);
        assertThat(app.post("/login", "not json").status()).isEqualTo(400);
        assertThat(upstream.calls("/cgi-bin/auth/getuserinfo")).isZero();
    }

    @Test
    void whenStartedThenHealthAnswers200AndNeitherSpringSecurityNorTheSasAppIsLoaded() {
        assertThat(app.get("/health")).isEqualTo(200);
        // no form login in front: GET /login is simply not a route
        assertThat(app.get("/login")).isEqualTo(405);
        assertThat(app.context().getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
        assertThat(app.context().getBeanNamesForType(SasDefaultsApp.class)).isEmpty();
        assertThat(app.context().getBeanNamesForType(RegisteredClientRepository.class))
                .isEmpty();
    }

    private Map<String, Object> row(long userId) {
        return app.jdbc().queryForMap("SELECT wecom_userid, name, logins FROM bench_user WHERE id = ?", userId);
    }
}
