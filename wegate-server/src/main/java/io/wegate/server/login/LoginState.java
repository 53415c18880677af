package io.wegate.server.login;

import java.time.Instant;

/**
 * What wegate remembers between sending a browser to WeCom or WeChat and the callback, keyed by
 * {@code state}.
 *
 * @param flow e.g. {@code wecom-web}, {@code wechat-open} or {@code wecom-api}
 * @param appId the configured app the login goes through
 * @param returnTo where the browser goes after a browser login; null for the API flow
 * @param redirectUri the redirect_uri the code was issued for
 * @param browserBinding hash of the browser's binding cookie; null for the API flow
 * @param linkAccountId the account a link ticket named: the login attaches to it; usually null
 * @param expiresAt when the state stops being accepted
 */
public record LoginState(
        String flow,
        String appId,
        String returnTo,
        String redirectUri,
        String browserBinding,
        String linkAccountId,
        Instant expiresAt) {}
