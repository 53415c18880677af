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
 * Slows guessing without locking out the people who log in correctly.
 *
 * <ul>
 *   <li>Failures (a bad state, a code the upstream refuses with 40029/40163, a bad link ticket…)
 *       are counted per client address and minute. A login that carries a valid state is never
 *       refused for them: the state proves the caller started a real login here, and each state is
 *       good for one try. Only the flows without a state (the mini programs) are refused with 429
 *       past {@code wegate.login.failed-logins-per-minute} (default 60; 0 turns it off).
 *   <li>Starts (a state handed out) are limited per address and minute by
 *       {@code wegate.login.starts-per-minute} (default 600; 0 turns it off), so that pairing junk
 *       codes with fresh states stays slow.
 * </ul>
 *
 * The client address is the connection's, or the one a configured trusted proxy forwarded
 * ({@code server.forward-headers-strategy=native} with {@code server.tomcat.remoteip.internal-proxies});
 * forwarded headers from anyone else are ignored. Counters live in Redis in cluster mode.
 */
@Component
public final class LoginRateLimit {

    private final RateLimitBuckets buckets;
    private final Clock clock;
    private final long failures;
    private final long starts;

    public LoginRateLimit(RateLimitBuckets buckets, Clock clock, Environment env) {
        this.buckets = buckets;
        this.clock = clock;
        this.failures = env.getProperty("wegate.login.failed-logins-per-minute", Long.class, 60L);
        this.starts = env.getProperty("wegate.login.starts-per-minute", Long.class, 600L);
    }

    /** For a login without a state: 429 when its address used up this minute's failures. */
    public void checkStateless() {
        String key = key("failed-logins");
        if (failures > 0 && key != null && buckets.get(key) >= failures) {
            throw new ApiException(GatewayError.TOO_MANY_FAILED_LOGINS);
        }
    }

    /** Counts a login start of the current address; 429 past this minute's limit. */
    public void started() {
        String key = key("login-starts");
        if (starts > 0 && key != null && buckets.increment(key, Duration.ofMinutes(2)) > starts) {
            throw new ApiException(GatewayError.TOO_MANY_LOGIN_STARTS);
        }
    }

    /** Counts a refused login of the current request's address: wegate's refusals and the upstream's. */
    public void failed(RuntimeException e) {
        String key = key("failed-logins");
        if (failures <= 0 || key == null) {
            return;
        }
        ApiException api = e instanceof ApiException a ? a : UpstreamErrors.toApiException(e);
        if (api.error().status().is4xxClientError() && api.error().status().value() != 429) {
            buckets.increment(key, Duration.ofMinutes(2));
        }
    }

    private String key(String what) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return null;
        }
        HttpServletRequest request = attrs.getRequest();
        return "rate:" + what + ":" + client(request.getRemoteAddr()) + ":" + clock.millis() / 60_000;
    }

    /** The address as counted: IPv4 as it is, IPv6 by its /64 (one host has a whole /64 to itself). */
    static String client(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // an address literal: InetAddress parses it without any name lookup
            byte[] b = java.net.InetAddress.getByName(address).getAddress();
            if (b.length != 16) {
                return address;
            }
            return java.util.HexFormat.of().formatHex(b, 0, 8) + "::/64";
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }
}
