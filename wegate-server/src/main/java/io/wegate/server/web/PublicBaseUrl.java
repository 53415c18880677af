package io.wegate.server.web;

import io.wegate.server.WegateProperties;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** The URL browsers reach wegate at: configured, or {@code http://localhost:<port>} in development. */
@Component
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public final class PublicBaseUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final URI configured;
    private volatile int port = 8080;

    public PublicBaseUrl(WegateProperties properties) {
        this.configured = properties.publicBaseUrl();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** Without a trailing slash. */
    public String get() {
        if (configured != null) {
            String s = configured.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        return "http://localhost:" + port;
    }

    /** {@code host[:port]} as WeCom compares trusted domains. */
    public String domain() {
        URI u = URI.create(get());
        return u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }

    public boolean isHttps() {
        return get().startsWith("https:");
    }

    /** {@code path} resolved on the public base URL. */
    public String resolve(String path) {
        return get() + path;
    }
}
