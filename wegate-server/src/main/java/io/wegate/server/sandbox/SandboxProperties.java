package io.wegate.server.sandbox;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The in-process sandbox ({@code wegate.sandbox.*}); it runs when no upstream app is configured
 * ({@link io.wegate.server.upstream.UpstreamMode}).
 *
 * @param enabled force sandbox mode on or off; empty means on exactly when no upstream app is configured.
 *     {@code true} beside configured apps stops the start
 * @param port the sandbox's own port (0 picks a free one)
 * @param bindAddress the address it listens on
 * @param fixture a fixture JSON file; empty means the demo corp
 * @param gettokenDailyQuota gettoken calls per app per day before 45009
 */
@ConfigurationProperties("wegate.sandbox")
public record SandboxProperties(
        Boolean enabled, Integer port, String bindAddress, Path fixture, Integer gettokenDailyQuota) {

    public SandboxProperties {
        port = port == null ? 8081 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("wegate.sandbox.port must be 0 to 65535");
        }
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        gettokenDailyQuota = gettokenDailyQuota == null ? 2000 : gettokenDailyQuota;
    }
}
