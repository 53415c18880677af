package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.wecom.ExpiringStore;
import io.wegate.sandbox.wecom.RandomIds;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import java.time.Clock;
import java.time.Duration;

/**
 * Single-use OAuth codes valid for 5 minutes, see <a
 * href="https://developer.work.weixin.qq.com/document/path/91023">获取访问用户身份</a>.
 */
public final class AuthCodes {

    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final WeComDirectory directory;
    private final ExpiringStore<AuthCode> codes;

    public AuthCodes(Clock clock, WeComDirectory directory) {
        this.clock = clock;
        this.directory = directory;
        this.codes = new ExpiringStore<>(clock, AuthCode::expiresAt);
    }

    /** Issues a code; {@code userid == null} means the non-member WeChat user. */
    public AuthCode issue(String agentId, String userid, Scope scope, String redirectDomain, String flow) {
        AuthCode code = new AuthCode(
                RandomIds.code(),
                agentId,
                userid,
                scope,
                redirectDomain,
                flow,
                clock.instant().plus(LIFETIME));
        codes.put(code.value(), code);
        return code;
    }

    /**
     * Consumes the code for {@code app}. Callers check the access token first: a token error must leave the code
     * usable, so that a client refreshing its token and retrying once still succeeds.
     *
     * @throws WeComException 40029 if unknown, used, expired or issued for another app; 50001 if the app does not
     *     trust the redirect domain (both consume the code)
     */
    public AuthCode redeem(String value, App app) {
        AuthCode code = codes.get(value);
        // remove(key, value) is the atomic consume: of two concurrent exchanges exactly one gets past it.
        if (code == null || !codes.remove(value, code)) {
            throw new WeComException(WeComError.INVALID_CODE);
        }
        if (!clock.instant().isBefore(code.expiresAt())) {
            throw new WeComException(WeComError.INVALID_CODE);
        }
        if (code.agentId() != null && !code.agentId().equals(app.agentId())) {
            throw new WeComException(WeComError.INVALID_CODE);
        }
        if (!directory.trusts(app.agentId(), code.redirectDomain())) {
            throw new WeComException(WeComError.REDIRECT_URI_UNAUTHORIZED);
        }
        return code;
    }
}
