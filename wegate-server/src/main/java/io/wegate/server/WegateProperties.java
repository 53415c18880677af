package io.wegate.server;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gateway-wide settings ({@code wegate.*}).
 *
 * @param publicBaseUrl the URL browsers reach wegate at, e.g. {@code https://login.example.com};
 *     empty means {@code http://localhost:<port>}
 * @param dataDir where the embedded database lives
 */
@ConfigurationProperties("wegate")
public record WegateProperties(URI publicBaseUrl, Path dataDir) {

    public WegateProperties {
        if (publicBaseUrl != null && publicBaseUrl.toString().isBlank()) {
            publicBaseUrl = null;
        }
        if (publicBaseUrl != null) {
            String s = publicBaseUrl.getScheme();
            if (!"http".equals(s) && !"https".equals(s) || publicBaseUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "wegate.public-base-url must be an absolute http(s) URL such as https://login.example.com, not '"
                                + publicBaseUrl + "'");
            }
        }
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
    }
}
