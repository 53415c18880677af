package io.wegate.sandbox.wecom.miniprogram;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.wecom.ExpiringStore;
import io.wegate.sandbox.wecom.RandomIds;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Codes from {@code wx.qy.login} in a WeCom mini program: single use, 5 minutes, exchangeable only with the token of
 * the app the mini program is associated with; see <a
 * href="https://developer.work.weixin.qq.com/document/path/91507">登录流程</a>.
 */
public final class WeComJsCodes {

    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final ExpiringStore<JsCode> codes;

    public WeComJsCodes(Clock clock) {
        this.clock = clock;
        this.codes = new ExpiringStore<>(clock, JsCode::expiresAt);
    }

    public String issue(App app, String miniprogramAppid, String userid) {
        JsCode code = new JsCode(
                RandomIds.code(),
                app.agentId(),
                miniprogramAppid,
                userid,
                clock.instant().plus(LIFETIME));
        codes.put(code.value(), code);
        return code.value();
    }

    /**
     * Consumes the code for the app whose token is presented.
     *
     * @return the member's userid
     * @throws WeComException 40029 if unknown, used, expired or from another app's mini program (A7)
     */
    public String redeem(String value, App app) {
        JsCode code = codes.get(value);
        if (code == null
                || !codes.remove(value, code)
                || !clock.instant().isBefore(code.expiresAt())
                || !code.agentId().equals(app.agentId())) {
            throw new WeComException(WeComError.INVALID_CODE);
        }
        return code.userid();
    }

    private record JsCode(String value, String agentId, String miniprogramAppid, String userid, Instant expiresAt) {}
}
