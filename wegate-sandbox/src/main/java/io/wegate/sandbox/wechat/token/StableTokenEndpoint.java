package io.wegate.sandbox.wechat.token;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wecom.token.DailyQuota;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /cgi-bin/stable_token} with {@code {"grant_type","appid","secret","force_refresh"}} (JSON only), see <a
 * href="https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken">getStableAccessToken</a>.
 *
 * <p>A wrong secret answers 40125 {@code invalid appsecret}, as {@code /cgi-bin/token} does: the fact sheet lists no
 * stable_token errors of its own, 40125 is the documented secret error of the token API, and B5's "40001 AppSecret
 * wrong" is the older, overloaded meaning that clients would mistake for a stale token and retry.
 */
public final class StableTokenEndpoint extends WeChatEndpoint {

    public static final String PATH = "/cgi-bin/stable_token";

    private final WeChatDirectory directory;
    private final AppTokens tokens;
    private final DailyQuota quota;

    public StableTokenEndpoint(WeChatErrMsg errMsg, WeChatDirectory directory, AppTokens tokens, DailyQuota quota) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
        this.quota = quota;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        ObjectNode body;
        try {
            body = Json.parseObject(request.body());
        } catch (IllegalArgumentException e) {
            throw new WeChatException(WeChatError.DATA_FORMAT_ERROR);
        }
        if (!"client_credential".equals(Json.text(body, "grant_type"))) {
            throw new WeChatException(WeChatError.INVALID_GRANT_TYPE);
        }
        App app = TokenEndpoint.appWithToken(directory, nonEmpty(body, "appid"), nonEmpty(body, "secret"));
        JsonNode force = body.get("force_refresh");
        if (force != null && !force.isNull() && !force.isBoolean()) {
            throw new WeChatException(WeChatError.DATA_FORMAT_ERROR, "data format error, force_refresh must be bool");
        }
        if (!quota.tryAcquire(app.appid())) {
            throw new WeChatException(WeChatError.DAILY_QUOTA);
        }
        AppToken token = tokens.stable(app.appid(), force != null && force.asBoolean(false));
        return Json.object().put("access_token", token.value()).put("expires_in", tokens.secondsLeft(token));
    }

    private static String nonEmpty(ObjectNode body, String field) {
        String value = Json.text(body, field);
        return value == null || value.isEmpty() ? null : value;
    }
}
