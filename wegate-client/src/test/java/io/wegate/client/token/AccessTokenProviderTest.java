package io.wegate.client.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AccessTokenProviderTest {

    private static final String KEY = "wecom:ww1:1000002";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T00:00:00Z"));
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AccessTokenProvider provider = new AccessTokenProvider(
            store, clock, Duration.ofMinutes(5), Duration.ofSeconds(5), AccessTokenListener.NONE);

    private Supplier<AccessToken> upstream() {
        return () -> AccessToken.of("token-" + fetches.incrementAndGet(), clock.instant(), 7200);
    }

    @Test
    void getWhenTwoHundredCallersWaitOnColdCacheThenUpstreamCalledOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Supplier<AccessToken> slow = () -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return upstream().get();
        };
        List<Future<AccessToken>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> provider.get(KEY, slow)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<AccessToken> f : results) {
                assertThat(f.get().value()).isEqualTo("token-1");
            }
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void getWhenTokenCachedThenUpstreamNotCalledAgain() {
        provider.get(KEY, upstream());
        provider.get(KEY, upstream());
        assertThat(fetches).hasValue(1);
    }

    @Test
    void getWhenInsideExpiryMarginThenRefreshed() {
        provider.get(KEY, upstream());
        clock.advance(Duration.ofSeconds(7200 - 301));
        assertThat(provider.get(KEY, upstream()).value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(provider.get(KEY, upstream()).value()).isEqualTo("token-2");
    }

    @Test
    void getWhenUpstreamRepeatsTokenWithLittleLifetimeLeftThenNotRefetchedOnEveryCall() {
        Supplier<AccessToken> repeating = () -> {
            fetches.incrementAndGet();
            return AccessToken.of("same", clock.instant(), 200);
        };
        provider.get(KEY, repeating);
        provider.get(KEY, repeating);
        provider.get(KEY, repeating);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void invalidateWhenTokenAlreadyReplacedThenNewerTokenSurvives() {
        provider.get(KEY, upstream());
        assertThat(provider.invalidate(KEY, "token-1")).isTrue();
        provider.get(KEY, upstream());
        // a late failure report about token-1 must not throw token-2 away
        assertThat(provider.invalidate(KEY, "token-1")).isFalse();
        assertThat(provider.get(KEY, upstream()).value()).isEqualTo("token-2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void withTokenWhenUpstreamRejectsTokenThenRetriedOnceWithFreshToken() {
        List<String> used = new ArrayList<>();
        String result = provider.withToken(
                KEY,
                upstream(),
                token -> {
                    used.add(token);
                    if (token.equals("token-1")) {
                        throw new IllegalStateException("40014");
                    }
                    return "ok with " + token;
                },
                e -> e.getMessage().equals("40014"));
        assertThat(result).isEqualTo("ok with token-2");
        assertThat(used).containsExactly("token-1", "token-2");
    }

    @Test
    void withTokenWhenRejectedTwiceThenFailsAfterOneRetry() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> provider.withToken(
                        KEY,
                        upstream(),
                        token -> {
                            calls.incrementAndGet();
                            throw new IllegalStateException("40014");
                        },
                        e -> true))
                .hasMessage("40014");
        assertThat(calls).hasValue(2);
    }

    @Test
    void withTokenWhenFailureIsNotATokenProblemThenNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> provider.withToken(
                        KEY,
                        upstream(),
                        token -> {
                            calls.incrementAndGet();
                            throw new IllegalStateException("40029");
                        },
                        e -> e.getMessage().equals("40014")))
                .hasMessage("40029");
        assertThat(calls).hasValue(1);
        assertThat(store.get(KEY)).isPresent();
    }

    @Test
    void getWhenFetchFailsThenCallerSeesFailureAndNextCallFetchesAgain() {
        assertThatThrownBy(() -> provider.get(KEY, () -> {
                    throw new IllegalStateException("45009");
                }))
                .hasMessage("45009");
        assertThat(provider.get(KEY, upstream()).value()).isEqualTo("token-1");
    }

    /** A store shared with another process that holds the refresh lease and stores its token later. */
    static final class LeasedElsewhereStore implements TokenStore {
        final InMemoryTokenStore tokens = new InMemoryTokenStore();
        final AtomicInteger polls = new AtomicInteger();
        final java.util.function.IntFunction<AccessToken> othersTokenAfterPolls;

        LeasedElsewhereStore(java.util.function.IntFunction<AccessToken> othersTokenAfterPolls) {
            this.othersTokenAfterPolls = othersTokenAfterPolls;
        }

        @Override
        public java.util.Optional<AccessToken> get(String key) {
            return tokens.get(key);
        }

        @Override
        public void put(String key, AccessToken token) {
            tokens.put(key, token);
        }

        @Override
        public boolean invalidate(String key, String failedValue) {
            return tokens.invalidate(key, failedValue);
        }

        @Override
        public boolean tryAcquireRefresh(String key, Duration lease) {
            AccessToken theirs = othersTokenAfterPolls.apply(polls.incrementAndGet());
            if (theirs != null) {
                tokens.put(key, theirs);
            }
            return false;
        }
    }

    @Test
    void getWhenAnotherProcessHoldsTheRefreshLeaseThenWaitsForItsTokenInsteadOfFetching() {
        LeasedElsewhereStore shared =
                new LeasedElsewhereStore(n -> n == 3 ? AccessToken.of("theirs", clock.instant(), 7200) : null);
        AccessTokenProvider p = new AccessTokenProvider(
                shared, clock, Duration.ofMinutes(5), Duration.ofSeconds(5), AccessTokenListener.NONE, d -> {});

        assertThat(p.get(KEY, upstream()).value()).isEqualTo("theirs");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void getWhenLeaseHolderNeverDeliversThenTimesOutInsteadOfHanging() {
        LeasedElsewhereStore shared = new LeasedElsewhereStore(n -> null);
        AccessTokenProvider p = new AccessTokenProvider(
                shared, clock, Duration.ofMinutes(5), Duration.ofMillis(200), AccessTokenListener.NONE, d -> {});

        assertThatThrownBy(() -> p.get(KEY, upstream())).isInstanceOf(AccessTokenWaitTimeoutException.class);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void constructorWhenMarginNegativeThenRejectedWithMessage() {
        assertThatThrownBy(() -> new AccessTokenProvider(
                        store, clock, Duration.ofSeconds(-1), Duration.ofSeconds(1), AccessTokenListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("margin must not be negative");
    }
}
