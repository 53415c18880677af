package io.wegate.server.upstream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How wegate talks to WeCom and WeChat ({@code wegate.upstream.*}).
 *
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one HTTP attempt
 * @param deadline overall limit of one call, retries included
 * @param maxRetries retries of {@code -1} and HTTP 5xx
 * @param tokenExpiryMargin refresh an access token this long before it expires
 * @param maxConnections connections kept open to the upstreams, all hosts together (a login holds one per call)
 */
@ConfigurationProperties("wegate.upstream")
public record UpstreamProperties(
        Duration connectTimeout,
        Duration requestTimeout,
        Duration deadline,
        Integer maxRetries,
        Duration tokenExpiryMargin,
        Integer maxConnections) {

    public UpstreamProperties {
        connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(2));
        requestTimeout = positive("request-timeout", requestTimeout, Duration.ofSeconds(5));
        deadline = positive("deadline", deadline, Duration.ofSeconds(10));
        maxRetries = maxRetries == null ? 3 : maxRetries;
        if (maxRetries < 0 || maxRetries > 3) {
            throw new IllegalArgumentException("wegate.upstream.max-retries must be 0 to 3 (WeCom asks for at most 3)");
        }
        maxConnections = maxConnections == null ? 200 : maxConnections;
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("wegate.upstream.max-connections must be 1 to 10000");
        }
        tokenExpiryMargin = tokenExpiryMargin == null ? Duration.ofMinutes(5) : tokenExpiryMargin;
        if (tokenExpiryMargin.isNegative() || tokenExpiryMargin.compareTo(Duration.ofMinutes(60)) > 0) {
            throw new IllegalArgumentException("wegate.upstream.token-expiry-margin must be between 0 and 60m");
        }
    }

    private static Duration positive(String name, Duration d, Duration dflt) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("wegate.upstream." + name + " must be positive");
        }
        return d;
    }
}
