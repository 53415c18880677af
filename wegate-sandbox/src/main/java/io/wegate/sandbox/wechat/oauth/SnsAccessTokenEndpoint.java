package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sns/oauth2/access_token?appid=&secret=&code=&grant_type=authorization_code}: an official-account or
 * website code for a web-authorisation token and the user's ids; see <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">通过 code 换取网页授权
 * access_token</a> (fact sheet B1.2).
 */
public final class SnsAccessTokenEndpoint extends WeChatEndpoint {

    public static final String PATH = "/sns/oauth2/access_token";

    private final WeChatDirectory directory;
    private final WeChatCodes codes;
    private final WebAuthTokens tokens;

    public SnsAccessTokenEndpoint(
            WeChatErrMsg errMsg, WeChatDirectory directory, WeChatCodes codes, WebAuthTokens tokens) {
        super(errMsg);
        this.directory = directory;
        this.codes = codes;
        this.tokens = tokens;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String appid = request.param("appid");
        String secret = request.param("secret");
        String value = request.param("code");
        if (appid == null) {
            throw new WeChatException(WeChatError.APPID_MISSING);
        }
        if (secret == null) {
            throw new WeChatException(WeChatError.SECRET_MISSING);
        }
        if (value == null) {
            throw new WeChatException(WeChatError.CODE_MISSING);
        }
        if (!"authorization_code".equals(request.param("grant_type"))) {
            throw new WeChatException(WeChatError.INVALID_GRANT_TYPE);
        }
        App app = directory.authenticate(appid, secret);
        WeChatCode code = codes.redeem(value, app.appid(), purposeOf(app));
        User user = directory.user(code.userKey()).orElseThrow(() -> new WeChatException(WeChatError.INVALID_CODE));
        WebAuthTokens.Grant grant = tokens.grant(code, OAuthIdentity.of(app, user, code.scope(), code.snapshot()));
        ObjectNode body = Json.object()
                .put("access_token", grant.token().value())
                .put("expires_in", grant.expiresIn())
                .put("refresh_token", grant.refreshToken())
                .put("openid", grant.token().openid())
                .put("scope", code.scope().value());
        if (code.snapshot()) {
            body.put("is_snapshotuser", 1);
        }
        if (grant.token().unionid() != null) {
            body.put("unionid", grant.token().unionid());
        }
        return body;
    }

    /** The codes an app's credentials may exchange here; a mini program's never (its codes go to jscode2session). */
    private static Purpose purposeOf(App app) {
        return switch (app.kind()) {
            case OFFICIAL_ACCOUNT -> Purpose.OFFICIAL_ACCOUNT;
            case WEBSITE -> Purpose.WEBSITE;
            case MINIPROGRAM -> throw new WeChatException(WeChatError.INVALID_CODE);
        };
    }
}
