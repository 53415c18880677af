package io.wegate.sandbox.wechat.oauth;

import java.time.Instant;

/**
 * A web-authorisation access_token (网页授权 access_token): bound to one user of one app and a scope; it is not an app
 * token and works only on the {@code /sns/*} user endpoints. See <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">网页授权 access_token</a>.
 *
 * @param openid the openid the token was issued for (a virtual one for a snapshot-page sign-in)
 * @param unionid the unionid {@code /sns/userinfo} reports, or {@code null}
 */
public record WebToken(
        String value,
        String appid,
        String userKey,
        String openid,
        String unionid,
        WeChatScope scope,
        boolean snapshot,
        Instant expiresAt) {

    WebToken renewedUntil(Instant until) {
        return new WebToken(value, appid, userKey, openid, unionid, scope, snapshot, until);
    }
}
