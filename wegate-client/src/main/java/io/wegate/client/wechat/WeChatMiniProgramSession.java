package io.wegate.client.wechat;

import io.wegate.client.redact.Redactor;

/**
 * A mini-program login from {@code /sns/jscode2session}. The session key decrypts the user's
 * {@code encryptedData}; it never leaves the server.
 *
 * @param unionId set only when the mini program is bound to an Open Platform account
 * @see <a href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session">code2Session</a>
 */
public record WeChatMiniProgramSession(String openId, String sessionKey, String unionId) {

    @Override
    public String toString() {
        return "WeChatMiniProgramSession[openId=" + openId + ", sessionKey=" + Redactor.MASK + ", unionId=" + unionId
                + "]";
    }
}
