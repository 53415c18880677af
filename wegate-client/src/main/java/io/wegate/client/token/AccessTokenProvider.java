package io.wegate.client.token;

import io.wegate.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Owns upstream app access tokens: caching until {@code expires_in} minus a margin, single-flight
 * refresh, and invalidation of a token the upstream rejected early.
 *
 * <p>Written once for every upstream (WeCom {@code gettoken}, WeChat {@code stable_token}); the
 * upstream-specific part is the {@code fetcher} and the predicate that recognises a rejected token.
 */
public final class AccessTokenProvider {

    private static final Duration POLL = Duration.ofMillis(20);

    private final TokenStore store;
    private final Clock clock;
    private final long marginMillis;
    private final Duration waitLimit;
    private final AccessTokenListener listener;
    private final Sleeper sleeper;
    private final ConcurrentMap<String, CompletableFuture<AccessToken>> inflight = new ConcurrentHashMap<>();

    /**
     * @param store where tokens live
     * @param clock the source of time for expiry
     * @param margin how long before the upstream expiry a token is treated as expired
     * @param waitLimit how long a caller waits for another caller's refresh before giving up
     * @param listener told about cache hits and fetches (metrics)
     */
    public AccessTokenProvider(
            TokenStore store, Clock clock, Duration margin, Duration waitLimit, AccessTokenListener listener) {
        this(store, clock, margin, waitLimit, listener, Sleeper.SYSTEM);
    }

    /**
     * @param sleeper how to pause while another process refreshes (tests pass one that does not wait)
     */
    public AccessTokenProvider(
            TokenStore store,
            Clock clock,
            Duration margin,
            Duration waitLimit,
            AccessTokenListener listener,
            Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(margin, "margin must not be null");
        this.marginMillis = margin.toMillis();
        this.waitLimit = Objects.requireNonNull(waitLimit, "waitLimit must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must not be negative");
        }
        if (waitLimit.isNegative() || waitLimit.isZero()) {
            throw new IllegalArgumentException("waitLimit must be positive");
        }
    }

    /** Returns a usable token for {@code key}, fetching it once however many callers wait. */
    public AccessToken get(String key, Supplier<AccessToken> fetcher) {
        // the hot path of every login: no allocation beyond what the store does
        AccessToken cached = usable(key);
        if (cached != null) {
            listener.onCacheHit(key);
            return cached;
        }
        return refresh(key, fetcher);
    }

    /** Drops the token under {@code key} if it is still {@code failedValue}; a newer token survives. */
    public boolean invalidate(String key, String failedValue) {
        return store.invalidate(key, failedValue);
    }

    /**
     * Calls {@code call} with a token; if the upstream rejects that token, invalidates it (only if it
     * is still the cached one) and retries the call once with a fresh token.
     */
    public <T> T withToken(
            String key,
            Supplier<AccessToken> fetcher,
            Function<String, T> call,
            Predicate<RuntimeException> tokenRejected) {
        AccessToken token = get(key, fetcher);
        try {
            return call.apply(token.value());
        } catch (RuntimeException e) {
            if (!tokenRejected.test(e)) {
                throw e;
            }
            listener.onTokenRejected(key);
            invalidate(key, token.value());
            return call.apply(get(key, fetcher).value());
        }
    }

    /** The stored token if it is still good, else null. */
    private AccessToken usable(String key) {
        Optional<AccessToken> stored = store.get(key);
        if (stored.isEmpty()) {
            return null;
        }
        AccessToken t = stored.get();
        return clock.millis() < refreshAtMillis(t) ? t : null;
    }

    private long refreshAtMillis(AccessToken token) {
        long expires = token.expiresAt().toEpochMilli();
        // An upstream may hand back the current token with little lifetime left (WeCom repeats a
        // valid token); a full margin would then mean a refetch on every call. Use at most half
        // of the lifetime the token came with.
        long halfLifetime = (expires - token.obtainedAt().toEpochMilli()) / 2;
        return expires - Math.min(marginMillis, halfLifetime);
    }

    private AccessToken refresh(String key, Supplier<AccessToken> fetcher) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            // Re-check after winning the race: the previous winner may have stored a token between
            // our cache miss and our putIfAbsent.
            AccessToken token = usable(key);
            if (token == null) {
                token = refreshAcrossProcesses(key, fetcher);
            }
            mine.complete(token);
            return token;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    /**
     * The one refresh among every process that shares the store: take the lease and fetch, or wait
     * (bounded) for the lease holder's token to appear. Waiters get the new token, not an error;
     * if the holder dies, its lease runs out and the next caller fetches.
     */
    private AccessToken refreshAcrossProcesses(String key, Supplier<AccessToken> fetcher) {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (!store.tryAcquireRefresh(key, waitLimit)) {
            AccessToken theirs = usable(key);
            if (theirs != null) {
                return theirs;
            }
            if (System.nanoTime() >= deadline) {
                throw new AccessTokenWaitTimeoutException(waitLimit);
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an access token refresh", e);
            }
        }
        try {
            // re-check under the lease: the previous holder may have stored a token just now
            AccessToken fresh = usable(key);
            if (fresh != null) {
                return fresh;
            }
            listener.onFetch(key);
            AccessToken token = fetcher.get();
            store.put(key, token);
            return token;
        } finally {
            store.releaseRefresh(key);
        }
    }

    private AccessToken await(CompletableFuture<AccessToken> running) {
        try {
            return running.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("access token refresh failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AccessTokenWaitTimeoutException(waitLimit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an access token refresh", e);
        }
    }
}
