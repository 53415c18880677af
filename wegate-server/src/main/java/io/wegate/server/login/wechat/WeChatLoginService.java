package io.wegate.server.login.wechat;

import io.wegate.client.wechat.WeChatMiniProgramSession;
import io.wegate.client.wechat.WeChatOAuthToken;
import io.wegate.client.wechat.WeChatPhoneNumber;
import io.wegate.client.wechat.WeChatUserInfo;
import io.wegate.server.account.ExternalLogin;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.account.Mobiles;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.LoginCodes;
import io.wegate.server.login.UpstreamLogin;
import io.wegate.server.token.LoginMethod;
import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.UpstreamClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream step of every WeChat login: the person behind a code, as the account service needs them. The identity is the unionid when WeChat gives one
 * (one person across the company's apps), else appid + openid; the openid is kept beside the
 * unionid so that a later login that only has the openid finds the same account.
 */
@Service
public class WeChatLoginService {

    private final UpstreamClients clients;
    private final MiniProgramSessions sessions;
    private final JsonMapper json;

    public WeChatLoginService(UpstreamClients clients, MiniProgramSessions sessions, JsonMapper json) {
        this.clients = clients;
        this.sessions = sessions;
        this.json = json;
    }

    /** A code from the official-account page or the website QR page. */
    public UpstreamLogin exchangeWeb(WeChatLoginApp app, String flow, String code) {
        LoginCodes.require(code);
        WeChatOAuthToken token = clients.wechat(app).oauth().exchangeCode(app.app(), code);
        if (token.snapshotUser()) {
            // a virtual account of the snapshot page: not the person, so nothing to log in
            throw new ApiException(GatewayError.SNAPSHOT_USER);
        }
        boolean profileAllowed = token.scope() == null || !token.scope().contains("snsapi_base");
        WeChatUserInfo info =
                profileAllowed ? clients.wechat(app).oauth().userInfo(token.accessToken(), token.openId()) : null;
        String unionId = token.unionId() != null ? token.unionId() : info == null ? null : info.unionId();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("openid", token.openId());
        if (info != null) {
            profile.put("nickname", info.nickname());
            profile.put("sex", info.sex());
            profile.put("province", info.province());
            profile.put("city", info.city());
            profile.put("country", info.country());
            profile.put("headimgurl", info.headImgUrl());
        }
        return new UpstreamLogin(
                external(app, token.openId(), unionId, info == null ? null : info.nickname(), null, profile),
                app.linkPolicy(),
                new LoginMethod("wechat", flow, app.id()));
    }

    /**
     * A {@code wx.login} code, optionally with a phone-number code. The session key stays in
     * {@link MiniProgramSessions} for later decryption and never leaves the server.
     *
     * The key is kept under the login once it exists.
     */
    public UpstreamLogin exchangeMiniProgram(WeChatLoginApp app, String flow, String jsCode, String phoneCode) {
        LoginCodes.require(jsCode);
        if (phoneCode != null) {
            LoginCodes.require(phoneCode);
        }
        WeChatMiniProgramSession session = clients.wechat(app).miniProgram().code2Session(app.app(), jsCode);
        String mobile = null;
        if (phoneCode != null) {
            WeChatPhoneNumber phone =
                    clients.wechat(app).miniProgram().phoneNumber(app.app(), phoneCode, session.openId());
            mobile = Mobiles.normalize(phone.countryCode(), phone.purePhoneNumber());
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("openid", session.openId());
        if (mobile != null) {
            // from WeChat's phone-number API: a number WeChat verified (phone_number_verified in OIDC)
            profile.put("phone_number", mobile);
        }
        return new UpstreamLogin(
                external(app, session.openId(), session.unionId(), null, mobile, profile),
                app.linkPolicy(),
                new LoginMethod("wechat", flow, app.id()),
                login -> sessions.put(login.id(), app.app().appId(), session.openId(), session.sessionKey()));
    }

    private ExternalLogin external(
            WeChatLoginApp app,
            String openId,
            String unionId,
            String nickname,
            String mobile,
            Map<String, Object> profile) {
        IdentityKey byOpenId = IdentityKey.wechatOpenId(app.app().appId(), openId);
        IdentityKey key = unionId != null ? IdentityKey.wechatUnionId(unionId) : byOpenId;
        if (unionId != null) {
            profile.put("unionid", unionId);
        }
        return new ExternalLogin(
                key,
                unionId != null ? List.of(byOpenId) : List.of(),
                app.app().appId(),
                nickname,
                mobile,
                null,
                LoginCodes.profileJson(json, profile, Map.of("openid", openId)));
    }
}
