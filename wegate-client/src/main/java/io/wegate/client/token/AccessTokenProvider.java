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
        AccessToken cached = usable(key, null);
        if (cached != null) {
            listener.onCacheHit(key);
            return cached;
        }
        return refresh(key, fetcher, null);
    }

    /** Drops the token under {@code key} if it is still {@code failedValue}; a newer token survives. */
    public boolean invalidate(String key, String failedValue) {
        return store.invalidate(key, failedValue);
    }

    /**
     * Calls {@code call} with a token; if the upstream rejects that token, invalidates it (only if it
     * is still the cached one) and retries the call once with a fresh token: never with the rejected
     * one, whichever cache layer or concurrent refresh still offers it.
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
            return call.apply(replacement(key, fetcher, token.value()).value());
        }
    }

    /**
     * A usable token other than {@code rejected}, which the upstream has just refused. Every cache
     * layer may still hold the rejected value for a moment (a read that began before the drop, another
     * caller's refresh that read the cache before the rejection was known): it is refused wherever it
     * comes from, and the caller goes on to the shared single-flight refresh instead.
     */
    private AccessToken replacement(String key, Supplier<AccessToken> fetcher, String rejected) {
        AccessToken cached = usable(key, rejected);
        if (cached != null) {
            listener.onCacheHit(key);
            return cached;
        }
        return refresh(key, fetcher, rejected);
    }

    /** The stored token if it is still good and not {@code refused} (may be null), else null. */
    private AccessToken usable(String key, String refused) {
        Optional<AccessToken> stored = store.get(key);
        if (stored.isEmpty()) {
            return null;
        }
        AccessToken t = stored.get();
        if (t.value().equals(refused)) {
            return null;
        }
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

    /**
     * One refresh per key in this process: the first caller leads, the others wait for its token. A
     * caller with a {@code refused} token does not take that token from a refresh it joined: that
     * refresh may have read the cache before the upstream's rejection was known here. It waits for
     * the finished refresh to go and refreshes again (leading or joining), within one wait limit.
     */
    private AccessToken refresh(String key, Supplier<AccessToken> fetcher, String refused) {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (true) {
            CompletableFuture<AccessToken> mine = new CompletableFuture<>();
            CompletableFuture<AccessToken> running = inflight.putIfAbsent(key, mine);
            if (running == null) {
                return lead(key, fetcher, refused, mine, deadline);
            }
            AccessToken theirs = await(running, deadline);
            if (!theirs.value().equals(refused)) {
                return theirs;
            }
            // finished: take it out now rather than wait for its leader's cleanup
            inflight.remove(key, running);
        }
    }

    private AccessToken lead(
            String key,
            Supplier<AccessToken> fetcher,
            String refused,
            CompletableFuture<AccessToken> mine,
            long deadline) {
        try {
            // Re-check after winning the race: the previous winner may have stored a token between
            // our cache miss and our putIfAbsent.
            AccessToken token = usable(key, refused);
            if (token == null) {
                token = refreshAcrossProcesses(key, fetcher, refused, deadline);
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
    private AccessToken refreshAcrossProcesses(
            String key, Supplier<AccessToken> fetcher, String refused, long deadline) {
        while (!store.tryAcquireRefresh(key, waitLimit)) {
            AccessToken theirs = usable(key, refused);
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
            AccessToken fresh = usable(key, refused);
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

    private AccessToken await(CompletableFuture<AccessToken> running, long deadline) {
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
