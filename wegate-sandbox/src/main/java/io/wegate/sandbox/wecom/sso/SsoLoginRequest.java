package io.wegate.sandbox.wecom.sso;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.oauth.AuthorizeRejected;
import io.wegate.sandbox.wecom.oauth.AuthorizeRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * A validated QR-login URL, current ({@code /wwlogin/sso/login}, <a
 * href="https://developer.work.weixin.qq.com/document/path/98152">doc 98152</a>) or legacy ({@code
 * /wwopen/sso/qrConnect}, doc 91019). Appid, redirect_uri, state and agentid follow the rules of the in-client page, so
 * the checks are delegated to {@link AuthorizeRequest}.
 *
 * @param params the original parameters, carried through the QR code and the phone's form unchanged
 */
public record SsoLoginRequest(Map<String, String> params, AuthorizeRequest authorize) {

    /** The parameters the phone page and the confirm form carry. */
    public static final String[] PARAMS = {"login_type", "appid", "agentid", "redirect_uri", "state", "lang"};

    public SsoLoginRequest {
        params = Map.copyOf(params);
    }

    /**
     * @param loginTypeRequired true for the current URL, where {@code login_type} is mandatory; the legacy URL has none
     *     (its embedded variant sends {@code login_type=jssdk})
     * @throws AuthorizeRejected with the text the page shows
     */
    public static SsoLoginRequest parse(
            Map<String, String> params, WeComDirectory directory, boolean loginTypeRequired) {
        String loginType = params.get("login_type");
        if ("ServiceApp".equals(loginType)) {
            throw new AuthorizeRejected(
                    "暂不支持服务商登录",
                    "login_type=ServiceApp (third-party login with a SuiteID) is not simulated by the sandbox;"
                            + " use login_type=CorpApp with the CorpID and an agentid");
        }
        boolean legacyForm = loginType == null || loginType.isEmpty() || loginType.equals("jssdk");
        if (!"CorpApp".equals(loginType) && (loginTypeRequired || !legacyForm)) {
            throw new AuthorizeRejected("login_type参数错误", "login_type must be CorpApp (or ServiceApp)");
        }
        String agentId = params.get("agentid");
        if (agentId == null || agentId.isEmpty()) {
            // CorpApp logins name the app; without it there is no trusted domain to check against.
            throw new AuthorizeRejected("缺少agentid参数", "agentid is required for a self-built app's login");
        }
        Map<String, String> authorize = new HashMap<>();
        authorize.put("response_type", "code");
        authorize.put("scope", "snsapi_base");
        for (String name : new String[] {"appid", "redirect_uri", "state", "agentid"}) {
            if (params.get(name) != null) {
                authorize.put(name, params.get(name));
            }
        }
        return new SsoLoginRequest(params, AuthorizeRequest.parse(authorize, directory));
    }

    public App app() {
        return authorize.app();
    }
}
