package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.oauth.AuthCode;
import io.wegate.sandbox.wecom.oauth.AuthCodes;
import io.wegate.sandbox.wecom.oauth.AuthorizeRejected;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import io.wegate.sandbox.wecom.sso.SsoConfirm;
import io.wegate.sandbox.wecom.sso.SsoLoginRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wecom-qr} flow, {@code {"agentid","userid","redirect_uri"?,"state"?}}: a member scanning the QR login of
 * <a href="https://developer.work.weixin.qq.com/document/path/98152">doc 98152</a>. Validated like the page, so the
 * code is one the phone could have produced: bound to the app, exchanged for the userid only.
 */
public final class WeComQrFlow implements CodeFlow {

    private final WeComDirectory directory;
    private final SsoConfirm confirm;

    public WeComQrFlow(WeComDirectory directory, SsoConfirm confirm) {
        this.directory = directory;
        this.confirm = confirm;
    }

    @Override
    public String name() {
        return SsoConfirm.FLOW;
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        String agentId = WeComWebFlow.agentId(request);
        if (agentId == null) {
            throw HttpProblem.badRequest("\"agentid\" is required: QR login is always for one app");
        }
        Map<String, String> params = new HashMap<>();
        params.put("login_type", "CorpApp");
        params.put("appid", directory.fixture().corpId());
        params.put("agentid", agentId);
        params.put("redirect_uri", redirectUri(request, agentId));
        String state = JsonBodies.optionalText(request, "state");
        if (state != null) {
            params.put("state", state);
        }
        SsoLoginRequest login;
        try {
            login = SsoLoginRequest.parse(params, directory, true);
        } catch (AuthorizeRejected e) {
            throw HttpProblem.badRequest("The QR login page would refuse this: " + e.getMessage());
        }
        String userid = JsonBodies.requiredText(request, "userid");
        Member member = directory.member(userid).orElseThrow(() -> HttpProblem.badRequest("Unknown userid " + userid));
        if (!member.active()) {
            throw HttpProblem.badRequest("Member " + member.userid() + " is not active and cannot sign in");
        }
        if (!directory.canSee(login.app(), member)) {
            throw HttpProblem.badRequest("No permission: " + member.userid() + " is outside the visible range of app "
                    + agentId + " (the phone would show 无权限)");
        }
        AuthCode code = confirm.issue(login, member);
        return Json.object()
                .put("flow", name())
                .put("code", code.value())
                .put("expires_in", AuthCodes.LIFETIME.toSeconds())
                .put("userid", member.userid())
                .put(
                        "redirect_url",
                        RedirectUris.withCode(
                                login.authorize().redirectUri(),
                                code.value(),
                                login.authorize().state()));
    }

    private String redirectUri(ObjectNode request, String agentId) {
        String given = JsonBodies.optionalText(request, "redirect_uri");
        if (given != null) {
            return given;
        }
        List<String> domains = directory.trustedDomains(agentId);
        if (domains.isEmpty()) {
            throw HttpProblem.badRequest("App " + agentId + " has no trusted domain; give \"redirect_uri\"");
        }
        return "http://" + domains.getFirst() + "/";
    }
}
