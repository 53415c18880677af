package io.wegate.server.token;

import io.wegate.server.web.PublicBaseUrl;
import jakarta.servlet.SessionCookieConfig;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * The browser session cookie, the same whatever the store: {@code WEGATE_SESSION}, HttpOnly,
 * SameSite=Lax; behind an https public base also {@code Secure} and named
 * {@code __Host-WEGATE_SESSION} (RFC 6265bis: no Domain, Path=/, so neither a sibling subdomain nor
 * a plain-http page can plant or overwrite it), whether or not the proxy in front says https.
 */
@Component
public final class SessionCookie implements ServletContextInitializer {

    public static final String NAME = "WEGATE_SESSION";

    private final PublicBaseUrl publicBaseUrl;

    public SessionCookie(PublicBaseUrl publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The cookie's name for this public base URL. */
    public String name() {
        return (publicBaseUrl.isHttps() ? "__Host-" : "") + NAME;
    }

    public boolean secure() {
        return publicBaseUrl.isHttps();
    }

    /** One instance (servlet sessions): runs after Boot applied {@code server.servlet.session.cookie.*}. */
    @Override
    public void onStartup(jakarta.servlet.ServletContext context) {
        SessionCookieConfig c = context.getSessionCookieConfig();
        c.setName(name());
        c.setHttpOnly(true);
        c.setSecure(secure());
        c.setPath("/");
        c.setAttribute("SameSite", "Lax");
    }
}
