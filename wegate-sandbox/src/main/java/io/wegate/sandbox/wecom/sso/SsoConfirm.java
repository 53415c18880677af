package io.wegate.sandbox.wecom.sso;

import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.oauth.AuthCode;
import io.wegate.sandbox.wecom.oauth.AuthCodes;
import io.wegate.sandbox.wecom.oauth.AuthorizePage;
import io.wegate.sandbox.wecom.oauth.AuthorizeRejected;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import io.wegate.sandbox.wecom.oauth.Scope;
import java.util.Map;

/**
 * {@code POST /wwlogin/sso/confirm}: the phone's answer to a QR login. A scan redirects to {@code
 * redirect_uri?code&state} with a code whose exchange yields only the userid (no user_ticket, doc 98177); a denial
 * redirects with only {@code state} (A6.1); a member outside the app's visible range gets "no permission".
 */
public final class SsoConfirm implements Handler {

    public static final String PATH = SsoHtml.CONFIRM_PATH;
    public static final String FLOW = "wecom-qr";

    private final WeComDirectory directory;
    private final AuthCodes codes;

    public SsoConfirm(WeComDirectory directory, AuthCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            Map<String, String> form = form(request);
            SsoLoginRequest login = SsoLoginRequest.parse(form, directory, false);
            if ("1".equals(form.get("deny"))) {
                return SandboxResponse.redirect(RedirectUris.withoutCode(
                        login.authorize().redirectUri(), login.authorize().state()));
            }
            Member member = directory
                    .member(form.get("userid"))
                    .filter(Member::active)
                    .orElseThrow(() -> new AuthorizeRejected("成员不存在或已停用", "pick an active member of the corp"));
            if (!directory.canSee(login.app(), member)) {
                return SandboxResponse.html(403, SsoHtml.noPermission(member, login.app()))
                        .withErrorKey("no_permission");
            }
            AuthCode code = issue(login, member);
            return SandboxResponse.redirect(RedirectUris.withCode(
                    login.authorize().redirectUri(),
                    code.value(),
                    login.authorize().state()));
        } catch (AuthorizeRejected e) {
            return AuthorizePage.rejectedPage(e);
        }
    }

    /** A web-login code: bound to the app, base scope, so auth/getuserinfo returns the userid only. */
    public AuthCode issue(SsoLoginRequest login, Member member) {
        return codes.issue(
                login.app().agentId(),
                member.userid(),
                Scope.SNSAPI_BASE,
                login.authorize().redirectDomain(),
                FLOW);
    }

    private static Map<String, String> form(SandboxRequest request) {
        try {
            return request.form();
        } catch (IllegalArgumentException e) {
            throw new AuthorizeRejected("请求格式错误", "the form body is not valid application/x-www-form-urlencoded");
        }
    }
}
