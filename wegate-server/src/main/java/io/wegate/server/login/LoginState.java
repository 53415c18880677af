package io.wegate.server.login;

import java.time.Instant;

/**
 * What wegate remembers between sending a browser to WeCom and the callback, keyed by {@code state}.
 *
 * @param flow e.g. {@code wecom-web} or {@code wecom-api}
 * @param returnTo where the browser goes after a browser login; null for the API flow
 * @param redirectUri the redirect_uri the code was issued for
 * @param browserBinding hash of the browser's binding cookie; null for the API flow
 * @param expiresAt when the state stops being accepted
 */
public record LoginState(String flow, String returnTo, String redirectUri, String browserBinding, Instant expiresAt) {}
