package io.wegate.server.login;

import io.wegate.server.account.LinkIntent;
import java.time.Instant;

/**
 * What a login carries from its start to the moment the code comes back. It is not stored: a
 * browser login keeps it in a signed cookie of the browser that started it, the API flow in the
 * authenticated state itself (see {@link LoginStates}).
 *
 * @param flow e.g. {@code wecom-web}, {@code wechat-open} or {@code wecom-api}
 * @param appId the configured app the login goes through
 * @param returnTo where the browser goes after a browser login; null for the API flow
 * @param redirectUri the redirect_uri the code was issued for; null for the API flow
 * @param link the explicit link this login was started for (bound to the browser's login), or null
 * @param expiresAt when the state stops being accepted
 */
public record LoginState(
        String flow, String appId, String returnTo, String redirectUri, LinkIntent link, Instant expiresAt) {}
