package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.miniprogram.WeComJsCodes;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wecom-miniprogram} flow, {@code {"agentid","userid","miniprogram_appid"?}}: a member calling {@code
 * wx.qy.login} in the mini program associated with the app, see <a
 * href="https://developer.work.weixin.qq.com/document/path/91507">登录流程</a>.
 */
public final class WeComMiniProgramFlow implements CodeFlow {

    private final WeComDirectory directory;
    private final WeComJsCodes codes;

    public WeComMiniProgramFlow(WeComDirectory directory, WeComJsCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public String name() {
        return "wecom-miniprogram";
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        String agentId = WeComWebFlow.agentId(request);
        if (agentId == null) {
            throw HttpProblem.badRequest("\"agentid\" is required: the app the mini program is associated with");
        }
        App app = directory.app(agentId).orElseThrow(() -> HttpProblem.badRequest("Unknown agentid " + agentId));
        if (app.miniprogramAppids().isEmpty()) {
            throw HttpProblem.badRequest("App " + agentId + " has no associated mini program (miniprogram_appids)");
        }
        String appid = JsonBodies.optionalText(request, "miniprogram_appid");
        if (appid == null) {
            appid = app.miniprogramAppids().getFirst();
        } else if (!app.miniprogramAppids().contains(appid)) {
            throw HttpProblem.badRequest("Mini program " + appid + " is not associated with app " + agentId);
        }
        String userid = JsonBodies.requiredText(request, "userid");
        Member member = directory.member(userid).orElseThrow(() -> HttpProblem.badRequest("Unknown userid " + userid));
        if (!member.active() || !directory.canSee(app, member)) {
            throw HttpProblem.badRequest(
                    "Member " + member.userid() + " is inactive or outside the app's visible range: no wx.qy.login");
        }
        return Json.object()
                .put("flow", name())
                .put("code", codes.issue(app, appid, member.userid()))
                .put("expires_in", WeComJsCodes.LIFETIME.toSeconds())
                .put("corpid", directory.fixture().corpId())
                .put("userid", member.userid())
                .put("miniprogram_appid", appid);
    }
}
