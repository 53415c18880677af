package io.wegate.server.upstream;

import io.wegate.client.wechat.WeChatApp;
import io.wegate.client.wechat.WeChatOAuth2AuthorizeUrl;
import io.wegate.client.wecom.WeComApp;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.account.LinkPolicy;
import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import io.wegate.server.upstream.WeChatProperties.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Sandbox mode: every app of the sandbox's fixture, so that every flow works with the demo corp and
 * the demo WeChat users. WeCom agents are named after their agentid except the first ({@code default});
 * WeChat apps {@code mp}, {@code web}, {@code mini}, then {@code mini-2} and so on.
 */
final class SandboxApps {

    private SandboxApps() {}

    static LoginApps of(Sandbox sandbox, WeComProperties wecom) {
        SandboxFixture f = sandbox.fixture();
        WeComOAuth2AuthorizeUrl.Scope scope = WeComOAuth2AuthorizeUrl.Scope.of(wecom.scope());
        LinkPolicy policy = LinkPolicy.of(wecom.linkPolicy());
        URI base = sandbox.baseUrl();
        LoginApps.WeComUrls urls =
                new LoginApps.WeComUrls(base, base, base, base, UpstreamConfiguration.qrStyle(wecom));
        List<WeComLoginApp> wecomApps = new ArrayList<>();
        for (SandboxFixture.App a : f.apps()) {
            String id = wecomApps.isEmpty() ? "default" : a.agentId();
            wecomApps.add(new WeComLoginApp(
                    id, new WeComApp(f.corpId(), a.agentId(), a.secret()), scope, wecom.fetchProfile(), policy, urls));
        }
        List<WeChatLoginApp> wechatApps = new ArrayList<>();
        int mini = 0;
        for (WeChatFixture.App a : f.wechatApps()) {
            Kind kind = switch (a.kind()) {
                case OFFICIAL_ACCOUNT -> Kind.OFFICIAL_ACCOUNT;
                case WEBSITE -> Kind.WEBSITE;
                case MINIPROGRAM -> Kind.MINIPROGRAM;
            };
            String id = switch (kind) {
                case OFFICIAL_ACCOUNT -> "mp";
                case WEBSITE -> "web";
                case MINIPROGRAM -> ++mini == 1 ? "mini" : "mini-" + mini;
            };
            if (wechatApps.stream().noneMatch(w -> w.id().equals(id))) {
                wechatApps.add(new WeChatLoginApp(
                        id,
                        kind,
                        new WeChatApp(a.appid(), a.secret()),
                        WeChatOAuth2AuthorizeUrl.Scope.SNSAPI_USERINFO,
                        policy,
                        base,
                        base));
            }
        }
        return new LoginApps(wecomApps, wechatApps, true);
    }
}
