package io.wegate.sandbox.wecom.token;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /cgi-bin/gettoken?corpid=&corpsecret=}, see <a href="https://developer.work.weixin.qq.com/document/path/91039">获取access_token</a>. */
public final class GettokenEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/gettoken";

    private final Clock clock;
    private final WeComDirectory directory;
    private final AccessTokens tokens;
    private final DailyQuota quota;

    public GettokenEndpoint(
            ErrMsg errMsg, Clock clock, WeComDirectory directory, AccessTokens tokens, DailyQuota quota) {
        super(errMsg);
        this.clock = clock;
        this.directory = directory;
        this.tokens = tokens;
        this.quota = quota;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String corpId = request.param("corpid");
        String secret = request.param("corpsecret");
        if (corpId == null) {
            throw new WeComException(WeComError.CORPID_MISSING);
        }
        if (secret == null) {
            throw new WeComException(WeComError.SECRET_MISSING);
        }
        if (!corpId.equals(directory.fixture().corpId())) {
            throw new WeComException(WeComError.INVALID_CORPID);
        }
        App app = directory.appBySecret(secret).orElseThrow(() -> new WeComException(WeComError.INVALID_CREDENTIAL));
        if (!quota.tryAcquire(app.agentId())) {
            throw new WeComException(WeComError.API_FREQ_OUT_OF_LIMIT);
        }
        AccessToken token = tokens.obtain(app);
        return Json.object().put("access_token", token.value()).put("expires_in", secondsUntil(token));
    }

    /** The remaining lifetime, rounded up so a valid token never reports 0 (doc 91039 leaves this open). */
    private long secondsUntil(AccessToken token) {
        Duration left = Duration.between(clock.instant(), token.expiresAt());
        return left.getNano() == 0 ? left.getSeconds() : left.getSeconds() + 1;
    }
}
