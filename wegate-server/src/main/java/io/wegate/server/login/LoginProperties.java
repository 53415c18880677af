package io.wegate.server.login;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login settings ({@code wegate.login.*}).
 *
 * @param allowedReturnTo absolute URL prefixes a browser login may return to (same scheme, host,
 *     port, and path prefix); relative paths on wegate itself are always allowed
 * @param allowedRedirectUris the exact redirect URIs the API flow accepts from front ends
 * @param stateTtl how long a login may take between the redirect to WeCom and the callback
 */
@ConfigurationProperties("wegate.login")
public record LoginProperties(List<String> allowedReturnTo, List<String> allowedRedirectUris, Duration stateTtl) {

    public LoginProperties {
        allowedReturnTo = allowedReturnTo == null ? List.of() : List.copyOf(allowedReturnTo);
        allowedRedirectUris = allowedRedirectUris == null ? List.of() : List.copyOf(allowedRedirectUris);
        stateTtl = stateTtl == null ? Duration.ofMinutes(10) : stateTtl;
        if (stateTtl.compareTo(Duration.ofSeconds(30)) < 0 || stateTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("wegate.login.state-ttl must be between 30s and 1h");
        }
        for (String s : allowedReturnTo) {
            AllowList.requirePrefix("wegate.login.allowed-return-to", s);
        }
        for (String s : allowedRedirectUris) {
            AllowList.requireAbsolute("wegate.login.allowed-redirect-uris", s);
        }
    }
}
