package io.wegate.server.login;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.error.UpstreamErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Slows down guessing: a client address with more than {@code wegate.login.failed-logins-per-minute}
 * (default 60; 0 turns it off) refused logins in the current minute gets 429 until the minute ends.
 * Only failures count, so a whole office behind one NAT address logging in is never throttled.
 * Counters live in Redis in cluster mode, so the limit holds across instances.
 */
@Component
public final class LoginRateLimit {

    private final RateLimitBuckets buckets;
    private final Clock clock;
    private final long limit;

    public LoginRateLimit(RateLimitBuckets buckets, Clock clock, Environment env) {
        this.buckets = buckets;
        this.clock = clock;
        this.limit = env.getProperty("wegate.login.failed-logins-per-minute", Long.class, 60L);
    }

    /** Refuses the current request with 429 when its address used up this minute's failures. */
    public void check() {
        String key = key();
        if (limit > 0 && key != null && buckets.get(key) >= limit) {
            throw new ApiException(GatewayError.TOO_MANY_FAILED_LOGINS);
        }
    }

    /** Counts a refused login of the current request's address. */
    public void failed(RuntimeException e) {
        String key = key();
        // a code the upstream refused (40029, another user's phone code) is as much a guess as a bad state
        ApiException a = e instanceof ApiException api ? api : UpstreamErrors.toApiException(e);
        boolean clientError = a.error().status().is4xxClientError() && a.error() != GatewayError.TOO_MANY_FAILED_LOGINS;
        if (limit > 0 && key != null && clientError) {
            buckets.increment(key, Duration.ofMinutes(2));
        }
    }

    private String key() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return null;
        }
        HttpServletRequest request = attrs.getRequest();
        return "rate:failed-logins:" + request.getRemoteAddr() + ":" + clock.millis() / 60_000;
    }
}
