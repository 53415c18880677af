package io.wegate.sandbox.wechat;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.wecom.Domains;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The WeChat apps and users as the running sandbox sees them: the immutable fixture plus the redirect domains added at
 * runtime (an official account's 网页授权域名, a website app's 授权回调域), see <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">网页授权</a>.
 */
public final class WeChatDirectory {

    private final SandboxFixture fixture;
    private final Map<String, Set<String>> domains = new ConcurrentHashMap<>();

    public WeChatDirectory(SandboxFixture fixture) {
        this.fixture = fixture;
        for (App app : fixture.wechatApps()) {
            // Insertion-ordered: the first fixture domain is the default redirect host of /sandbox/codes.
            Set<String> set = new CopyOnWriteArraySet<>();
            app.redirectDomains().stream().map(Domains::normalize).forEach(set::add);
            domains.put(app.appid(), set);
        }
    }

    public SandboxFixture fixture() {
        return fixture;
    }

    public Optional<App> app(String appid) {
        return appid == null ? Optional.empty() : fixture.wechatApp(appid);
    }

    public Optional<User> user(String key) {
        return key == null ? Optional.empty() : fixture.wechatUser(key);
    }

    /** The user whose (real) openid in {@code appid} is {@code openid}. */
    public Optional<User> userByOpenid(String appid, String openid) {
        return fixture.wechatUsers().stream()
                .filter(u -> u.openidFor(appid).equals(openid))
                .findFirst();
    }

    /** The app's redirect domains now, in the order they were configured; empty for a mini program. */
    public List<String> domains(String appid) {
        Set<String> set = domains.get(appid);
        return set == null ? List.of() : List.copyOf(set);
    }

    /**
     * @throws IllegalArgumentException for an unknown appid or a mini program, which has no OAuth redirect
     */
    public void addDomain(String appid, String domain) {
        App app = app(appid).orElseThrow(() -> new IllegalArgumentException("Unknown WeChat appid " + appid));
        if (app.kind() == Kind.MINIPROGRAM) {
            throw new IllegalArgumentException("Mini program " + appid + " has no OAuth redirect domain");
        }
        domains.get(appid).add(Domains.normalize(domain));
    }

    /**
     * The app these credentials belong to, as every appid+secret endpoint checks them.
     *
     * @throws WeChatException 41002 / 41004 if missing, 40013 for an unknown appid, 40125 for a wrong secret
     */
    public App authenticate(String appid, String secret) {
        if (appid == null) {
            throw new WeChatException(WeChatError.APPID_MISSING);
        }
        if (secret == null) {
            throw new WeChatException(WeChatError.SECRET_MISSING);
        }
        App app = app(appid).orElseThrow(() -> new WeChatException(WeChatError.INVALID_APPID));
        if (!app.secret().equals(secret)) {
            throw new WeChatException(WeChatError.INVALID_APPSECRET);
        }
        return app;
    }

    public boolean trusts(String appid, String domain) {
        Set<String> set = domains.get(appid);
        return set != null && set.contains(Domains.normalize(domain));
    }
}
