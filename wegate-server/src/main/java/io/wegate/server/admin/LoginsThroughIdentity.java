package io.wegate.server.admin;

import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.token.Login;
import io.wegate.server.upstream.LoginApps;
import java.util.List;

/**
 * Which logins of an account an identity could have made: {@code account_login} names the upstream and the configured
 * app of a login, not the identity, so the identity's upstream and tenant decide. A WeCom identity made the logins
 * through its corp's apps; a WeChat openid the logins through the app it belongs to; a WeChat unionid (one per Open
 * Platform account) any WeChat login. A login through an app no longer configured counts as the identity's: when in
 * doubt, a login ends rather than outlives the identity it may have come from.
 */
final class LoginsThroughIdentity {

    private final LoginApps apps;

    LoginsThroughIdentity(LoginApps apps) {
        this.apps = apps;
    }

    List<Login> of(ExternalIdentity identity, List<Login> logins) {
        return logins.stream().filter(l -> madeBy(identity, l)).toList();
    }

    private boolean madeBy(ExternalIdentity identity, Login login) {
        if (!login.method().upstream().equals(identity.provider())) {
            return false;
        }
        String appId = login.method().appId();
        if (identity.provider().equals("wecom")) {
            return apps.wecom().stream()
                    .filter(a -> a.id().equals(appId))
                    .findFirst()
                    .map(a -> a.app().corpId().equals(identity.tenantId()))
                    .orElse(true);
        }
        if (identity.tenantId().equals(IdentityKey.UNIONID)) {
            return true;
        }
        return apps.wechat().stream()
                .filter(a -> a.id().equals(appId))
                .findFirst()
                .map(a -> a.app().appId().equals(identity.tenantId()))
                .orElse(true);
    }
}
