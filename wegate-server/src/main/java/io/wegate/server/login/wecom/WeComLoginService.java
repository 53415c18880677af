package io.wegate.server.login.wecom;

import io.wegate.client.wecom.WeComMiniProgramSession;
import io.wegate.client.wecom.WeComUser;
import io.wegate.client.wecom.WeComUserDetail;
import io.wegate.client.wecom.WeComUserInfo;
import io.wegate.server.account.ExternalLogin;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.account.Mobiles;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.LoginCodes;
import io.wegate.server.login.UpstreamLogin;
import io.wegate.server.token.LoginMethod;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import io.wegate.server.upstream.UpstreamClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream step of every WeCom login: the person behind a code, as the account service needs them. Web and QR codes go through {@code auth/getuserinfo},
 * then the member's profile ({@code user/get}) and, with {@code snsapi_privateinfo}, the consented
 * details ({@code auth/getuserdetail}); mini-program codes through
 * {@code miniprogram/jscode2session}. The identity is keyed on corpid + userid.
 */
@Service
public class WeComLoginService {

    private final UpstreamClients clients;
    private final JsonMapper json;

    public WeComLoginService(UpstreamClients clients, JsonMapper json) {
        this.clients = clients;
        this.json = json;
    }

    /** A code from the in-client OAuth page or the QR login page ({@code flow}). */
    public UpstreamLogin exchange(WeComLoginApp app, String flow, String code) {
        LoginCodes.require(code);
        WeComUserInfo info = clients.wecom(app).auth().getUserInfo(app.app(), code);
        if (!(info instanceof WeComUserInfo.Member member)) {
            throw new ApiException(GatewayError.NOT_A_MEMBER);
        }
        return member(app, flow, member.userId(), member.userTicket());
    }

    /** A {@code wx.qy.login} code. The session key is not kept: nothing here decrypts with it. */
    public UpstreamLogin exchangeMiniProgram(WeComLoginApp app, String flow, String jsCode) {
        LoginCodes.require(jsCode);
        WeComMiniProgramSession session = clients.wecom(app).miniProgram().code2Session(app.app(), jsCode);
        if (session.corpId() != null && !session.corpId().equals(app.app().corpId())) {
            // a mini program of another corp: its userid means nothing in this one
            throw new ApiException(GatewayError.NOT_A_MEMBER);
        }
        return member(app, flow, session.userId(), null);
    }

    private UpstreamLogin member(WeComLoginApp app, String flow, String userId, String userTicket) {
        WeComUser user;
        try {
            user = app.fetchProfile() ? clients.wecom(app).users().get(app.app(), userId) : null;
        } catch (io.wegate.client.UpstreamException e) {
            if (e.errcode().orElse(0) == 60011) {
                // the member signed in, but the app may not see them: they are outside its visible range
                throw new ApiException(GatewayError.NOT_IN_VISIBLE_RANGE);
            }
            throw e;
        }
        WeComUserDetail detail =
                userTicket == null ? null : clients.wecom(app).auth().getUserDetail(app.app(), userTicket);
        String mobile = detail != null ? detail.mobile() : user == null ? null : user.mobile();
        String email = detail != null ? detail.email() : user == null ? null : user.email();
        ExternalLogin login = new ExternalLogin(
                IdentityKey.wecom(app.app().corpId(), userId),
                List.of(),
                app.app().agentId(),
                user == null ? null : user.name(),
                Mobiles.normalize(null, mobile),
                email,
                profile(userId, user, detail));
        return new UpstreamLogin(login, app.linkPolicy(), new LoginMethod("wecom", flow, app.id()));
    }

    private String profile(String userId, WeComUser user, WeComUserDetail detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userid", userId);
        if (user != null) {
            put(p, "name", user.name());
            p.put("department", user.departments());
            put(p, "main_department", user.mainDepartment());
            put(p, "position", user.position());
            put(p, "status", user.status());
        }
        if (detail != null) {
            put(p, "gender", detail.gender());
            put(p, "avatar", detail.avatar());
            put(p, "mobile", detail.mobile());
            put(p, "email", detail.email());
            put(p, "biz_mail", detail.bizMail());
        }
        return LoginCodes.profileJson(json, p, Map.of("userid", userId));
    }

    private static void put(Map<String, Object> p, String k, Object v) {
        if (v != null) {
            p.put(k, v);
        }
    }
}
