package io.wegate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.client.token.AccessToken;
import io.wegate.server.support.TestRedis;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

/** Two instances' token stores on one real Redis: what one of them keeps in its near-cache. */
class RedisTokenStoreTest {

    private static final String KEY = "wecom:ww1:1000002";
    private final Clock clock = Clock.systemUTC();
    private final String prefix = "wegate-test-" + UUID.randomUUID() + ":";
    private final LettuceConnectionFactory connections = connect();
    private final LaggingRedis redisHere = new LaggingRedis(connections);
    private final RedisTokenStore here = store(redisHere);
    private final RedisTokenStore there = store(new StringRedisTemplate(connections));

    private static LettuceConnectionFactory connect() {
        TestRedis.Endpoint redis = TestRedis.shared();
        LettuceConnectionFactory f =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        f.afterPropertiesSet();
        f.start();
        return f;
    }

    private RedisTokenStore store(StringRedisTemplate redis) {
        return new RedisTokenStore(redis, prefix, clock, new RedisAvailability(clock), Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    private AccessToken token(String value) {
        return AccessToken.of(value, Instant.now(clock), 7200);
    }

    /**
     * Real Redis, but one {@code GET} by {@link #lagging} pauses after Redis answered and before the
     * store sees the answer, as a slow network or a preempted thread would.
     */
    static final class LaggingRedis extends StringRedisTemplate {
        final CountDownLatch answered = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final AtomicInteger gets = new AtomicInteger();
        volatile Thread lagging;

        LaggingRedis(RedisConnectionFactory connections) {
            super(connections);
        }

        @Override
        @SuppressWarnings("unchecked")
        public ValueOperations<String, String> opsForValue() {
            ValueOperations<String, String> real = super.opsForValue();
            return (ValueOperations<String, String>) Proxy.newProxyInstance(
                    ValueOperations.class.getClassLoader(), new Class<?>[] {ValueOperations.class}, (p, m, args) -> {
                        Object answer;
                        try {
                            answer = m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (m.getName().equals("get") && args.length == 1) {
                            gets.incrementAndGet();
                            if (Thread.currentThread() == lagging) {
                                lagging = null;
                                answered.countDown();
                                if (!resume.await(10, TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("the test never let the read go on");
                                }
                            }
                        }
                        return answer;
                    });
        }
    }

    @Test
    @Timeout(30)
    void getWhenReadBeganBeforeThisInstanceStoredANewerTokenThenTheOlderTokenDoesNotComeBack() throws Exception {
        there.put(KEY, token("token-1"));
        FutureTask<Optional<AccessToken>> slowRead = new FutureTask<>(() -> here.get(KEY));
        Thread reader = Thread.ofPlatform().unstarted(slowRead);
        redisHere.lagging = reader;
        reader.start();
        redisHere.answered.await();

        // meanwhile the upstream dropped token-1 (the other instance met 40014 and deleted it) and this
        // instance fetched token-2 under the lease
        assertThat(there.invalidate(KEY, "token-1")).isTrue();
        here.put(KEY, token("token-2"));
        redisHere.resume.countDown();

        // the slow read answers the newer token and leaves it in the near-cache
        assertThat(slowRead.get()).map(AccessToken::value).contains("token-2");
        int gets = redisHere.gets.get();
        assertThat(here.get(KEY)).map(AccessToken::value).contains("token-2");
        assertThat(redisHere.gets).hasValue(gets);
    }

    @Test
    void invalidateWhenThisInstanceAlreadyHoldsTheNewerTokenThenItStaysInTheNearCache() {
        here.put(KEY, token("token-1"));
        here.put(KEY, token("token-2"));
        int gets = redisHere.gets.get();

        // a late 40014 for token-1
        assertThat(here.invalidate(KEY, "token-1")).isFalse();

        assertThat(here.get(KEY)).map(AccessToken::value).contains("token-2");
        assertThat(redisHere.gets).hasValue(gets);
    }

    @Test
    void getWhenTokenRejectedHereThenNeitherRedisNorTheNearCacheBringsItBack() {
        there.put(KEY, token("token-1"));
        assertThat(here.get(KEY)).map(AccessToken::value).contains("token-1");

        // this instance met 40014 but Redis still answers token-1 (say the delete was lost)
        here.invalidate(KEY, "token-1");
        there.put(KEY, token("token-1"));

        assertThat(here.get(KEY)).isEmpty();
    }
}
