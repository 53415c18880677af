package io.wegate.server.login;

import io.wegate.server.upstream.LoginApps;
import io.wegate.server.web.PublicBaseUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The allow-lists in force: configured entries, plus wegate's own origin for return_to, plus in
 * sandbox mode the demo redirect URI {@code <public base URL>/callback}.
 */
@Component
public final class LoginPolicy {

    private final LoginProperties properties;
    private final PublicBaseUrl publicBaseUrl;
    private final boolean sandbox;

    public LoginPolicy(LoginProperties properties, PublicBaseUrl publicBaseUrl, LoginApps apps) {
        this.properties = properties;
        this.publicBaseUrl = publicBaseUrl;
        this.sandbox = apps.sandbox();
    }

    /**
     * The exact value to send in {@code Location} for this return_to: normalised, percent-encoded,
     * and on an allow-list; empty when it is refused.
     */
    public Optional<String> returnTo(String returnTo) {
        List<String> prefixes = new ArrayList<>(properties.allowedReturnTo());
        prefixes.add(publicBaseUrl.get() + "/");
        return AllowList.returnTo(returnTo, prefixes);
    }

    public boolean redirectUriAllowed(String redirectUri) {
        return AllowList.redirectUriAllowed(redirectUri, allowedRedirectUris());
    }

    public List<String> allowedRedirectUris() {
        List<String> exact = new ArrayList<>(properties.allowedRedirectUris());
        if (sandbox) {
            exact.add(publicBaseUrl.get() + "/callback");
        }
        return exact;
    }
}
