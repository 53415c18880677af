package io.wegate.sandbox.wechat;

import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.oauth.WeChatScope;
import io.wegate.sandbox.wecom.ExpiringStore;
import java.time.Clock;

/**
 * Single-use WeChat codes: OAuth codes of the official account and the website app, {@code wx.login} codes and phone
 * codes; see <a href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">通过 code
 * 换取网页授权 access_token</a>.
 */
public final class WeChatCodes {

    private final Clock clock;
    private final ExpiringStore<WeChatCode> codes;

    public WeChatCodes(Clock clock) {
        this.clock = clock;
        this.codes = new ExpiringStore<>(clock, WeChatCode::expiresAt);
    }

    public WeChatCode issue(Purpose purpose, String appid, String userKey, WeChatScope scope, boolean snapshot) {
        WeChatCode code = new WeChatCode(
                WeChatIds.code(),
                purpose,
                appid,
                userKey,
                scope,
                snapshot,
                clock.instant().plus(purpose.lifetime()),
                false);
        codes.put(code.value(), code);
        return code;
    }

    /**
     * The unused code, without consuming it (so a caller can still refuse the call, e.g. with 45011, and leave the
     * code for a retry).
     *
     * @throws WeChatException 40029 if unknown, expired, or issued to another app or for another purpose; 40163 (40029
     *     for phone codes) if already used
     */
    public WeChatCode find(String value, String appid, Purpose purpose) {
        WeChatCode code = codes.get(value);
        if (code == null
                || code.purpose() != purpose
                || !code.appid().equals(appid)
                || !clock.instant().isBefore(code.expiresAt())) {
            throw new WeChatException(WeChatError.INVALID_CODE);
        }
        if (code.used()) {
            throw new WeChatException(purpose.usedErrcode());
        }
        return code;
    }

    /** Marks a found code as used; of two concurrent exchanges exactly one gets past this. */
    public WeChatCode consume(WeChatCode code) {
        if (!codes.replace(code.value(), code, code.markUsed())) {
            throw new WeChatException(code.purpose().usedErrcode());
        }
        return code;
    }

    /** {@link #find} then {@link #consume}. */
    public WeChatCode redeem(String value, String appid, Purpose purpose) {
        return consume(find(value, appid, purpose));
    }
}
