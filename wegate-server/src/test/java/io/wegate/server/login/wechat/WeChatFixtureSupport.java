package io.wegate.server.login.wechat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The sandbox's WeChat apps and users, as the tests need them. */
final class WeChatFixtureSupport {

    private final Sandbox sandbox;

    WeChatFixtureSupport(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    WeChatFixture.App app(WeChatFixture.Kind kind, boolean unionidBound) {
        return sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == kind && a.unionidBound() == unionidBound)
                .findFirst()
                .orElseThrow();
    }

    WeChatFixture.App officialAccount() {
        return app(WeChatFixture.Kind.OFFICIAL_ACCOUNT, true);
    }

    WeChatFixture.App website() {
        return app(WeChatFixture.Kind.WEBSITE, true);
    }

    WeChatFixture.App miniProgram() {
        return app(WeChatFixture.Kind.MINIPROGRAM, true);
    }

    WeChatFixture.App unboundMiniProgram() {
        return app(WeChatFixture.Kind.MINIPROGRAM, false);
    }

    WeChatFixture.User user(String key) {
        return sandbox.fixture().wechatUser(key).orElseThrow();
    }

    /** Active (not blocked) users. */
    List<WeChatFixture.User> users() {
        return sandbox.fixture().wechatUsers().stream()
                .filter(u -> !u.blocked())
                .toList();
    }

    /** Two different users who share a nickname. */
    List<WeChatFixture.User> namesakes() {
        Map<String, List<WeChatFixture.User>> byName =
                users().stream().collect(Collectors.groupingBy(WeChatFixture.User::nickname));
        return byName.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow();
    }
}
