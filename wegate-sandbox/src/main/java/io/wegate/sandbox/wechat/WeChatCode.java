package io.wegate.sandbox.wechat;

import io.wegate.sandbox.wechat.oauth.WeChatScope;
import java.time.Duration;
import java.time.Instant;

/**
 * A code some WeChat sign-in produced, see <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">通过 code 换取网页授权
 * access_token</a>.
 *
 * @param userKey the fixture key of the user who signed in
 * @param scope the OAuth scope, or {@code null} for mini-program and phone codes
 * @param snapshot whether the user chose the snapshot page (快照页), which yields a virtual account (B1.1)
 * @param used whether the code has been exchanged; kept until expiry so a second exchange answers "code been used"
 */
public record WeChatCode(
        String value,
        Purpose purpose,
        String appid,
        String userKey,
        WeChatScope scope,
        boolean snapshot,
        Instant expiresAt,
        boolean used) {

    /** Where a code comes from, which decides its lifetime and what a reuse answers. */
    public enum Purpose {
        /** Official-account web OAuth: 5 minutes (B1.1). */
        OFFICIAL_ACCOUNT(Duration.ofMinutes(5), WeChatError.CODE_BEEN_USED),
        /** Website QR login: 10 minutes (B2, the Open Platform knowledge page). */
        WEBSITE(Duration.ofMinutes(10), WeChatError.CODE_BEEN_USED),
        /** {@code wx.login}: 5 minutes (B3.1). */
        MINIPROGRAM(Duration.ofMinutes(5), WeChatError.CODE_BEEN_USED),
        /** The getPhoneNumber button: 5 minutes; B3.3 lists only 40029 for a bad code, so a reuse answers that. */
        PHONE(Duration.ofMinutes(5), WeChatError.INVALID_CODE);

        private final Duration lifetime;
        private final int usedErrcode;

        Purpose(Duration lifetime, int usedErrcode) {
            this.lifetime = lifetime;
            this.usedErrcode = usedErrcode;
        }

        public Duration lifetime() {
            return lifetime;
        }

        int usedErrcode() {
            return usedErrcode;
        }
    }

    WeChatCode markUsed() {
        return new WeChatCode(value, purpose, appid, userKey, scope, snapshot, expiresAt, true);
    }
}
