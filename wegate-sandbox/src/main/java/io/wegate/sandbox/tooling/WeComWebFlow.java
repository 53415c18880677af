package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.oauth.AuthCode;
import io.wegate.sandbox.wecom.oauth.AuthCodes;
import io.wegate.sandbox.wecom.oauth.AuthorizeConfirm;
import io.wegate.sandbox.wecom.oauth.AuthorizeRejected;
import io.wegate.sandbox.wecom.oauth.AuthorizeRequest;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wecom-web} flow: a member (or the non-member WeChat user) consenting on the in-client authorize page, see
 * <a href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>. The request goes through the
 * same validation as the page, so a code minted here is one the page could have issued.
 */
public final class WeComWebFlow implements CodeFlow {

    private final WeComDirectory directory;
    private final AuthCodes codes;

    public WeComWebFlow(WeComDirectory directory, AuthCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public String name() {
        return AuthorizeConfirm.FLOW;
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        String agentId = agentId(request);
        App app = agentId == null
                ? null
                : directory.app(agentId).orElseThrow(() -> HttpProblem.badRequest("Unknown agentid " + agentId));
        String userid = userid(request);
        Map<String, String> params = new HashMap<>();
        params.put("appid", directory.fixture().corpId());
        params.put("response_type", "code");
        String scope = JsonBodies.optionalText(request, "scope");
        params.put("scope", scope == null ? "snsapi_base" : scope);
        params.put("redirect_uri", redirectUri(request, app));
        putIfPresent(params, "state", JsonBodies.optionalText(request, "state"));
        putIfPresent(params, "agentid", agentId);
        AuthorizeRequest authorize;
        try {
            authorize = AuthorizeRequest.parse(params, directory);
        } catch (AuthorizeRejected e) {
            throw HttpProblem.badRequest("The authorize page would refuse this: " + e.getMessage());
        }
        AuthCode code = codes.issue(authorize.agentId(), userid, authorize.scope(), authorize.redirectDomain(), name());
        return Json.object()
                .put("flow", name())
                .put("code", code.value())
                .put("expires_in", AuthCodes.LIFETIME.toSeconds())
                .put("scope", authorize.scope().value())
                .put("redirect_url", RedirectUris.withCode(authorize.redirectUri(), code.value(), authorize.state()));
    }

    /** The agentid as a string or a number (WeCom itself uses both), or {@code null} for a URL without one. */
    static String agentId(ObjectNode request) {
        JsonNode value = request.get("agentid");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() || value.isString()) {
            return value.asString();
        }
        throw HttpProblem.badRequest("\"agentid\" must be a string such as \"1000002\"");
    }

    /** The member's canonical userid, or {@code null} for the non-member WeChat user. */
    private String userid(ObjectNode request) {
        boolean guest = JsonBodies.flag(request, "guest");
        String userid = JsonBodies.optionalText(request, "userid");
        if (guest) {
            if (userid != null) {
                throw HttpProblem.badRequest("Give either \"userid\" or \"guest\": true, not both");
            }
            return null;
        }
        if (userid == null) {
            throw HttpProblem.badRequest("\"userid\" is required (or \"guest\": true for a non-member)");
        }
        Member member = directory.member(userid).orElseThrow(() -> HttpProblem.badRequest("Unknown userid " + userid));
        if (!member.active()) {
            throw HttpProblem.badRequest(
                    "Member " + member.userid() + " is not active (status " + member.status() + ") and cannot sign in");
        }
        return member.userid();
    }

    private String redirectUri(ObjectNode request, App app) {
        String given = JsonBodies.optionalText(request, "redirect_uri");
        if (given != null) {
            return given;
        }
        if (app == null) {
            throw HttpProblem.badRequest("\"redirect_uri\" is required when no agentid is given");
        }
        List<String> domains = directory.trustedDomains(app.agentId());
        if (domains.isEmpty()) {
            throw HttpProblem.badRequest("App " + app.agentId() + " has no trusted domain; give \"redirect_uri\"");
        }
        return "http://" + domains.getFirst() + "/";
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
