package io.wegate.client.wechat;

import io.wegate.client.redact.Redactor;

/**
 * The answer of {@code /sns/oauth2/access_token} and {@code /sns/oauth2/refresh_token}: a web-auth
 * token for one user (not an app token), and who the user is.
 *
 * @param unionId set only when the app is bound to an Open Platform account and the scope is not
 *     {@code snsapi_base}
 * @param snapshotUser the user only saw the snapshot page: openid and unionid are a virtual
 *     account's, not the person's
 * @see <a href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">sns/oauth2/access_token</a>
 */
public record WeChatOAuthToken(
        String accessToken,
        long expiresIn,
        String refreshToken,
        String openId,
        String scope,
        String unionId,
        boolean snapshotUser) {

    @Override
    public String toString() {
        return "WeChatOAuthToken[accessToken=" + Redactor.MASK + ", refreshToken=" + Redactor.MASK + ", openId="
                + openId + ", scope=" + scope + ", unionId=" + unionId + ", snapshotUser=" + snapshotUser + "]";
    }
}
