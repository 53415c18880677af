package io.wegate.bench;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mini-program flows, which have no start step: the sandbox mints the {@code wx.login} / {@code wx.qy.login} code
 * (and, for {@code wechat-miniprogram-phone}, a {@code getPhoneNumber} code), then {@code POST
 * /api/v1/login/<flow>} {@code {code, phone_code?}} answers 200 with tokens.
 *
 * <ul>
 *   <li>{@code wecom-miniprogram}: {@code {"flow":"wecom-miniprogram","agentid","userid"}};
 *   <li>{@code wechat-miniprogram}: {@code {"flow":"wechat-miniprogram","appid","user"}};
 *   <li>{@code wechat-miniprogram-phone}: the same plus {@code {"flow":"wechat-phone","appid","user"}}, sent as
 *       {@code phone_code} (the gateway then calls {@code stable_token} and {@code getuserphonenumber}).
 * </ul>
 */
final class MiniProgramFlow implements LoginFlow {

    private final LoginFlowClient client;
    private final String name;
    private final boolean wechat;
    private final boolean phone;
    private final String appKey;
    private final String appValue;
    private final List<String> users;
    private final String appNote;

    private MiniProgramFlow(
            LoginFlowClient client,
            String name,
            boolean wechat,
            boolean phone,
            String appKey,
            String appValue,
            String appNote,
            List<String> users) {
        this.client = client;
        this.name = name;
        this.wechat = wechat;
        this.phone = phone;
        this.appKey = appKey;
        this.appValue = appValue;
        this.appNote = appNote;
        this.users = users;
    }

    /** {@code wecom-miniprogram} for the mini program associated with WeCom app {@code agentId}. */
    static MiniProgramFlow wecom(LoginFlowClient client, String agentId, List<String> userids) {
        return new MiniProgramFlow(client, LoginFlows.WECOM_MINIPROGRAM, false, false, "agentid", agentId, "", userids);
    }

    /**
     * {@code wechat-miniprogram} or, with {@code phone}, {@code wechat-miniprogram-phone}.
     *
     * @param unionidBound whether the mini program is bound to the Open Platform (shown with the app)
     */
    static MiniProgramFlow wechat(
            LoginFlowClient client, String appId, boolean unionidBound, List<String> userKeys, boolean phone) {
        String name = phone ? LoginFlows.WECHAT_MINIPROGRAM_PHONE : LoginFlows.WECHAT_MINIPROGRAM;
        String note = unionidBound ? " (unionid-bound)" : " (not bound to the Open Platform: no unionid)";
        return new MiniProgramFlow(client, name, true, phone, "appid", appId, note, userKeys);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String startStep() {
        return null;
    }

    @Override
    public String loginStep() {
        return "POST " + path();
    }

    private String path() {
        return wechat ? "/api/v1/login/wechat-miniprogram" : "/api/v1/login/wecom-miniprogram";
    }

    @Override
    public String app() {
        return appKey + " " + appValue + appNote;
    }

    @Override
    public String appTokenPath() {
        if (!wechat) {
            return LoginFlows.WECOM_TOKEN_PATH;
        }
        // jscode2session takes the appid and secret; only getuserphonenumber needs the mini program's app token.
        return phone ? LoginFlows.WECHAT_STABLE_TOKEN_PATH : null;
    }

    @Override
    public List<String> users() {
        return users;
    }

    @Override
    public boolean minuteQuota() {
        return wechat;
    }

    @Override
    public void mint(LoginAttempt attempt) {
        ObjectNode body = client.object()
                .put("flow", wechat ? "wechat-miniprogram" : "wecom-miniprogram")
                .put(appKey, appValue)
                .put(wechat ? "user" : "userid", attempt.user);
        attempt.code = client.mintCode(attempt, LoginFlowClient.STEP_CODE, body);
        if (attempt.code != null && phone) {
            ObjectNode phoneBody = client.object()
                    .put("flow", "wechat-phone")
                    .put("appid", appValue)
                    .put("user", attempt.user);
            attempt.phoneCode = client.mintCode(attempt, LoginFlowClient.STEP_PHONE_CODE, phoneBody);
        }
    }

    @Override
    public void login(LoginAttempt attempt) {
        ObjectNode body = client.object().put("code", attempt.code);
        if (phone) {
            body.put("phone_code", attempt.phoneCode);
        }
        client.tokenLogin(
                attempt,
                client.postToGateway(attempt.loginInstance, path(), body).build());
    }
}
