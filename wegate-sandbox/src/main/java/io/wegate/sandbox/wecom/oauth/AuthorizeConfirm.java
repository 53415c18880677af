package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.util.Map;

/**
 * {@code POST /connect/oauth2/authorize/confirm}: the identity picked on the authorize page; answers 302 to
 * {@code redirect_uri?code=CODE&state=STATE}. The hidden fields are validated again: a form can be tampered with.
 */
public final class AuthorizeConfirm implements Handler {

    public static final String PATH = AuthorizeHtml.CONFIRM_PATH;
    public static final String FLOW = "wecom-web";

    private final WeComDirectory directory;
    private final AuthCodes codes;

    public AuthorizeConfirm(WeComDirectory directory, AuthCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            Map<String, String> form = form(request);
            AuthorizeRequest authorize = AuthorizeRequest.parse(form, directory);
            String userid = pickedUserid(form);
            AuthCode code =
                    codes.issue(authorize.agentId(), userid, authorize.scope(), authorize.redirectDomain(), FLOW);
            return SandboxResponse.redirect(
                    RedirectUris.withCode(authorize.redirectUri(), code.value(), authorize.state()));
        } catch (AuthorizeRejected e) {
            return AuthorizePage.rejectedPage(e);
        }
    }

    private static Map<String, String> form(SandboxRequest request) {
        try {
            return request.form();
        } catch (IllegalArgumentException e) {
            throw new AuthorizeRejected("请求格式错误", "the form body is not valid application/x-www-form-urlencoded");
        }
    }

    /** The member's canonical userid, or {@code null} for the non-member WeChat user. */
    private String pickedUserid(Map<String, String> form) {
        if ("1".equals(form.get("guest"))) {
            return null;
        }
        Member member = directory
                .member(form.get("userid"))
                .filter(Member::active)
                .orElseThrow(() -> new AuthorizeRejected("成员不存在或已停用", "pick an active member of the corp"));
        return member.userid();
    }
}
