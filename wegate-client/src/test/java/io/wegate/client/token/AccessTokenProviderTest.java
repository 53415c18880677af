package io.wegate.client.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
        CountDownLatch fetching = new CountDownLatch(1);
        Supplier<AccessToken> slow = () -> {
            fetching.countDown();
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
            // the leader's fetch is under way: every caller from here on waits for it or finds its token
            assertThat(fetching.await(5, TimeUnit.SECONDS)).isTrue();
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
        public Optional<AccessToken> get(String key) {
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

    /** A store whose drop has not reached the layer it reads from yet (a near-cache, a fallback copy). */
    static final class LaggingDropStore implements TokenStore {
        final InMemoryTokenStore tokens = new InMemoryTokenStore();

        @Override
        public Optional<AccessToken> get(String key) {
            return tokens.get(key);
        }

        @Override
        public void put(String key, AccessToken token) {
            tokens.put(key, token);
        }

        @Override
        public boolean invalidate(String key, String failedValue) {
            return false;
        }
    }

    @Test
    void withTokenWhenStoreStillAnswersTheRejectedTokenThenRetryFetchesANewOneInsteadOfReusingIt() {
        AccessTokenProvider p = new AccessTokenProvider(
                new LaggingDropStore(), clock, Duration.ofMinutes(5), Duration.ofSeconds(5), AccessTokenListener.NONE);
        List<String> used = new ArrayList<>();

        String result = p.withToken(
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
        assertThat(fetches).hasValue(2);
    }

    /**
     * Redis as one instance sees it while another instance, which met the upstream's rejection first,
     * has dropped the token and holds the refresh lease. One read by {@link #laggingReader}, the first
     * after it asked for the lease, answers what a read begun before the drop answered (a near-cache
     * filled a moment too late) and pauses before it returns, as a preempted thread would.
     */
    static final class DroppedElsewhereStore implements TokenStore {
        final InMemoryTokenStore shared = new InMemoryTokenStore();
        final CountDownLatch lagRead = new CountDownLatch(1);
        final CountDownLatch lagReturn = new CountDownLatch(1);
        final CountDownLatch invalidatedHere = new CountDownLatch(1);
        volatile Thread laggingReader;
        volatile AccessToken lagged;
        volatile boolean lagArmed;
        // what the other instance stores at the next lease request, once it has fetched it
        volatile AccessToken othersToken;

        @Override
        public Optional<AccessToken> get(String key) {
            if (Thread.currentThread() == laggingReader && lagArmed) {
                lagArmed = false;
                laggingReader = null;
                lagRead.countDown();
                awaitLatch(lagReturn);
                return Optional.of(lagged);
            }
            return shared.get(key);
        }

        @Override
        public void put(String key, AccessToken token) {
            shared.put(key, token);
        }

        @Override
        public boolean invalidate(String key, String failedValue) {
            boolean removed = shared.invalidate(key, failedValue);
            invalidatedHere.countDown();
            return removed;
        }

        @Override
        public boolean tryAcquireRefresh(String key, Duration lease) {
            if (Thread.currentThread() == laggingReader) {
                lagArmed = true;
            }
            AccessToken theirs = othersToken;
            if (theirs != null) {
                shared.put(key, theirs);
            }
            return false;
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the scenario did not reach its next step");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(30)
    void withTokenWhenRetryJoinsRefreshThatReadTheRejectedTokenThenRetriesWithTheNewTokenNotTheRejectedOne()
            throws Exception {
        DroppedElsewhereStore cluster = new DroppedElsewhereStore();
        AccessTokenProvider p = new AccessTokenProvider(
                cluster, clock, Duration.ofMinutes(5), Duration.ofSeconds(10), AccessTokenListener.NONE, d -> {});
        AccessToken first = AccessToken.of("token-1", clock.instant(), 7200);
        cluster.shared.put(KEY, first);
        Set<String> dropped = ConcurrentHashMap.newKeySet();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        List<String> used = Collections.synchronizedList(new ArrayList<>());
        Function<String, String> getuserinfo = token -> {
            used.add(token);
            if (held.getCount() > 0) {
                // the first call waits at the upstream, like the sandbox's hold fault
                held.countDown();
                awaitLatch(answer);
            }
            if (dropped.contains(token)) {
                throw new IllegalStateException("40014");
            }
            return "ok with " + token;
        };
        FutureTask<String> login =
                new FutureTask<>(() -> p.withToken(KEY, upstream(), getuserinfo, e -> "40014".equals(e.getMessage())));
        Thread loginThread = Thread.ofPlatform().start(login);
        awaitLatch(held);

        // the upstream drops token-1; another instance meets 40014 first, deletes it, takes the lease
        dropped.add("token-1");
        cluster.shared.invalidate(KEY, "token-1");
        // a second login here misses, leads this instance's refresh and waits for the lease; its next
        // read is the lagging one: token-1, while nobody here knows yet that it was rejected
        FutureTask<AccessToken> other = new FutureTask<>(() -> p.get(KEY, upstream()));
        Thread otherThread = Thread.ofPlatform().unstarted(other);
        cluster.lagged = first;
        cluster.laggingReader = otherThread;
        otherThread.start();
        awaitLatch(cluster.lagRead);

        // the held call answers 40014: its retry joins the refresh under way here
        answer.countDown();
        awaitLatch(cluster.invalidatedHere);
        while (loginThread.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        // the other instance has its new token; the lagging read returns token-1 to the refresh
        cluster.othersToken = AccessToken.of("token-2", clock.instant(), 7200);
        cluster.lagReturn.countDown();

        assertThat(login.get()).isEqualTo("ok with token-2");
        assertThat(used).containsExactly("token-1", "token-2");
        other.get();
        // the other instance's gettoken is the only one: none from here
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
