package io.wegate.bench.apps.redislock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wegate.bench.apps.wecomlogin.AccessTokenSource;
import io.wegate.bench.apps.wecomlogin.RunningContender;
import io.wegate.bench.apps.wecomlogin.TestUpstream;
import io.wegate.bench.apps.wecomlogin.WeComLoginContractTest;
import io.wegate.sandbox.fault.Hold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis-lock contender serves the contract, its instances share one token through Redis (127.0.0.1:6379, a key
 * prefix per test), and it shares the documents' weakness on a token WeCom invalidated early.
 */
class RedisLockLoginAppTest extends WeComLoginContractTest {

    private final String prefix = "bench-test:" + UUID.randomUUID() + ":";
    private final List<RunningContender> others = new ArrayList<>();

    @Override
    protected RunningContender startContender(TestUpstream upstream) {
        return RunningContender.start(RedisLockLoginApp.application(), upstream, "--bench.redis.key-prefix=" + prefix);
    }

    /** Runs before the superclass closes the first instance: its Redis connection cleans up. */
    @AfterEach
    void deleteTheKeysAndStopTheOtherInstances() {
        redis().delete(List.of(tokenKey(), tokenKey() + ":lock"));
        others.forEach(RunningContender::close);
    }

    @Test
    void whenTwoInstancesLogInThenOneGettokenServesBoth() {
        RunningContender second = another();

        RunningContender.Answer first = app.login(upstream.mintCode("zhangsan"));
        RunningContender.Answer other = second.login(upstream.mintCode("lisi"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(200);
        assertThat(upstream.calls(TestUpstream.GETTOKEN)).isOne();
    }

    @Test
    void whenAnotherInstanceHoldsTheLockThenTheCallerSleepsAndReadsTheTokenItStored() throws Exception {
        RunningContender second = another();
        Hold gettoken = upstream.hold(TestUpstream.GETTOKEN, 1);

        CompletableFuture<RunningContender.Answer> holder = app.loginAsync(upstream.mintCode("zhangsan"));
        gettoken.awaitHeld(1, Duration.ofSeconds(30));
        CompletableFuture<RunningContender.Answer> waiter = second.loginAsync(upstream.mintCode("lisi"));
        RedisLockAccessToken waiting = (RedisLockAccessToken) second.context().getBean(AccessTokenSource.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting.lockWaits() >= 1);
        gettoken.release();

        assertThat(holder.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(waiter.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(upstream.calls(TestUpstream.GETTOKEN)).isOne();
    }

    @Test
    void whenTheTokenIsStoredThenItExpiresInRedisTheMarginBeforeWeComExpiresIt() {
        assertThat(app.login(upstream.mintCode("zhangsan")).status()).isEqualTo(200);

        // 7200 s minus the 200 s margin, counted down in real time since the SET a moment ago
        assertThat(redis().getExpire(tokenKey(), TimeUnit.MILLISECONDS)).isBetween(6_900_000L, 7_000_000L);
    }

    @Test
    void whenTheSandboxInvalidatesTheTokenEarlyThenLoginsFailWith40014UntilTheKeyGoes() {
        assertThat(app.login(upstream.mintCode("zhangsan")).status()).isEqualTo(200);

        upstream.invalidateTokens();
        RunningContender.Answer invalid = app.login(upstream.mintCode("lisi"));
        RunningContender.Answer stillInvalid = another().login(upstream.mintCode("wangwu"));
        // what the key's expiry would do, 7000 s after the SET
        redis().delete(tokenKey());
        RunningContender.Answer afterExpiry = app.login(upstream.mintCode("lisi"));

        assertThat(invalid.status()).isEqualTo(502);
        assertThat(invalid.body().get("errcode").asInt()).isEqualTo(40014);
        assertThat(stillInvalid.body().get("errcode").asInt()).isEqualTo(40014);
        assertThat(afterExpiry.status()).isEqualTo(200);
        assertThat(upstream.calls(TestUpstream.GETTOKEN)).isEqualTo(2);
    }

    private RunningContender another() {
        RunningContender other = startContender(upstream);
        others.add(other);
        return other;
    }

    private StringRedisTemplate redis() {
        return app.context().getBean(StringRedisTemplate.class);
    }

    private String tokenKey() {
        return prefix + "access_token";
    }
}
