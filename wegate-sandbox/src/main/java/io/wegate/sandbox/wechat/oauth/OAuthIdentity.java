package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.User;

/**
 * The ids a sign-in yields for one app: the openid, and the unionid only when the app is bound to the Open Platform and
 * the scope is not {@code snsapi_base} (B1.2); a snapshot-page sign-in yields the virtual account's ids instead. See <a
 * href="https://developers.weixin.qq.com/doc/oplatform/Mobile_App/WeChat_Login/Authorized_API_call_UnionID.html">UnionID
 * 机制</a>.
 *
 * @param unionid {@code null} when none is returned
 */
public record OAuthIdentity(String openid, String unionid) {

    /** @param scope the OAuth scope, or {@code null} for a mini-program login (which returns unionid when bound) */
    public static OAuthIdentity of(App app, User user, WeChatScope scope, boolean snapshot) {
        String openid = snapshot ? user.snapshotOpenidFor(app.appid()) : user.openidFor(app.appid());
        String unionid = null;
        if (app.unionidBound() && scope != WeChatScope.SNSAPI_BASE) {
            unionid = snapshot ? user.snapshotUnionidFor(app.appid()) : user.unionid();
        }
        return new OAuthIdentity(openid, unionid);
    }
}
