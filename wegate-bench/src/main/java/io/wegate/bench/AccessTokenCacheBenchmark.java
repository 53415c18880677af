package io.wegate.bench;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.wegate.client.token.AccessToken;
import io.wegate.client.token.AccessTokenListener;
import io.wegate.client.token.AccessTokenProvider;
import io.wegate.client.token.InMemoryTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path every login pays: getting the upstream app access token from the cache while it is valid, with all
 * threads sharing one cache (as the gateway's request threads do). Alternatives measured side by side:
 *
 * <ul>
 *   <li>{@code wegate}: {@link AccessTokenProvider#get} over {@link InMemoryTokenStore};
 *   <li>{@code lockPerRead}: a {@link java.util.concurrent.locks.ReentrantLock} around every expiry check and read
 *       ({@link LockPerReadTokenHolder});
 *   <li>{@code wxJavaDoubleChecked}: WxJava's in-memory pattern, volatile reads and a lock only on expiry
 *       ({@link WxJavaStyleTokenHolder});
 *   <li>{@code caffeineLoadingCache}: a Caffeine {@link LoadingCache} with a per-entry {@link Expiry}.
 * </ul>
 *
 * Run: {@code java -jar wegate-bench/target/wegate-bench.jar AccessTokenCacheBenchmark -t 2}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
@State(Scope.Benchmark)
public class AccessTokenCacheBenchmark {

    static final String KEY = "wecom:wwbench0000000001:1000002";
    static final Duration MARGIN = Duration.ofMinutes(5);

    private CountingFetcher wegateFetches;
    private CountingFetcher lockPerReadFetches;
    private CountingFetcher wxJavaFetches;
    private CountingFetcher caffeineFetches;

    private AccessTokenProvider provider;
    private LockPerReadTokenHolder lockPerRead;
    private WxJavaStyleTokenHolder wxJava;
    private LoadingCache<String, AccessToken> caffeine;

    @Setup(Level.Trial)
    public void setUp() {
        wegateFetches = new CountingFetcher();
        lockPerReadFetches = new CountingFetcher();
        wxJavaFetches = new CountingFetcher();
        caffeineFetches = new CountingFetcher();

        provider = new AccessTokenProvider(
                new InMemoryTokenStore(), Clock.systemUTC(), MARGIN, Duration.ofSeconds(5), AccessTokenListener.NONE);
        lockPerRead = new LockPerReadTokenHolder(lockPerReadFetches);
        wxJava = new WxJavaStyleTokenHolder(wxJavaFetches);
        caffeine = Caffeine.newBuilder().expireAfter(new UntilRefreshDue()).build(key -> caffeineFetches.get());

        // Prime every cache: the measured calls must all be hits.
        wegate();
        lockPerRead();
        wxJavaDoubleChecked();
        caffeineLoadingCache();
    }

    @TearDown(Level.Trial)
    public void checkOnlyHitsWereMeasured() {
        for (CountingFetcher f :
                new CountingFetcher[] {wegateFetches, lockPerReadFetches, wxJavaFetches, caffeineFetches}) {
            if (f.calls.get() != 1) {
                throw new IllegalStateException(
                        "expected one fetch per trial (the priming call), got " + f.calls.get());
            }
        }
    }

    @Benchmark
    public String wegate() {
        return provider.get(KEY, wegateFetches).value();
    }

    @Benchmark
    public String lockPerRead() {
        return lockPerRead.getAccessToken();
    }

    @Benchmark
    public String wxJavaDoubleChecked() {
        return wxJava.getAccessToken();
    }

    @Benchmark
    public String caffeineLoadingCache() {
        return caffeine.get(KEY).value();
    }

    /** Hands out a fresh two-hour token (WeCom's {@code expires_in} is 7200) and counts how often it is asked. */
    static final class CountingFetcher implements Supplier<AccessToken> {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public AccessToken get() {
            int n = calls.incrementAndGet();
            return AccessToken.of("bench-access-token-" + n, Instant.now(), 7200);
        }
    }

    /** Caffeine per-entry expiry: the token's own expiry minus the same margin wegate uses. */
    static final class UntilRefreshDue implements Expiry<String, AccessToken> {

        @Override
        public long expireAfterCreate(String key, AccessToken token, long currentTime) {
            Duration left = Duration.between(Instant.now(), token.expiresAt().minus(MARGIN));
            return Math.max(0, left.toNanos());
        }

        @Override
        public long expireAfterUpdate(String key, AccessToken token, long currentTime, long currentDuration) {
            return expireAfterCreate(key, token, currentTime);
        }

        @Override
        public long expireAfterRead(String key, AccessToken token, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
