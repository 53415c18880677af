package io.wegate.bench.apps.naive;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.bench.apps.wecomlogin.RunningContender;
import io.wegate.bench.apps.wecomlogin.TestUpstream;
import io.wegate.bench.apps.wecomlogin.WeComLoginContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The naive contender serves the contract, and shows the weaknesses of the blog posts' token holder. */
class NaiveLoginAppTest extends WeComLoginContractTest {

    @Override
    protected RunningContender startContender(TestUpstream upstream) {
        // the token is static: one per JVM, and this JVM starts many sandboxes
        StaticAccessToken.forget();
        return RunningContender.start(NaiveLoginApp.application(), upstream);
    }

    @AfterEach
    void forgetTheStaticToken() {
        StaticAccessToken.forget();
    }

    @Test
    void whenTheSandboxInvalidatesTheTokenEarlyThenEveryLoginFailsWith40014() {
        assertThat(app.login(upstream.mintCode("zhangsan")).status()).isEqualTo(200);

        upstream.invalidateTokens();

        for (String userid : new String[] {"zhangsan", "lisi", "wangwu"}) {
            RunningContender.Answer answer = app.login(upstream.mintCode(userid));
            assertThat(answer.status()).isEqualTo(502);
            assertThat(answer.body().get("errcode").asInt()).isEqualTo(40014);
        }
        // the posts' holder trusts its token for 7200 s: it never asks for a new one
        assertThat(upstream.calls(TestUpstream.GETTOKEN)).isOne();
    }

    @Test
    void whenAnotherClientFetchedTheTokenEarlierThenLoginsFailWith42001UntilTheAppThinksItIsOld() {
        // another service with the same secret (or a previous run of this one) fetched the app's token an hour ago
        upstream.gettoken();
        upstream.clock().advance(Duration.ofHours(1));
        // gettoken answers that same token, expires_in 3600; the holder takes it for 7200 s
        assertThat(app.login(upstream.mintCode("zhangsan")).status()).isEqualTo(200);

        upstream.clock().advance(Duration.ofHours(1));
        RunningContender.Answer expired = app.login(upstream.mintCode("zhangsan"));
        upstream.clock().advance(Duration.ofMinutes(59));
        RunningContender.Answer stillExpired = app.login(upstream.mintCode("zhangsan"));
        upstream.clock().advance(Duration.ofMinutes(1).plusSeconds(1));
        RunningContender.Answer refreshed = app.login(upstream.mintCode("zhangsan"));

        assertThat(expired.status()).isEqualTo(502);
        assertThat(expired.body().get("errcode").asInt()).isEqualTo(42001);
        assertThat(stillExpired.body().get("errcode").asInt()).isEqualTo(42001);
        assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
        assertThat(upstream.calls(TestUpstream.GETTOKEN)).isEqualTo(3);
    }
}
