package io.wegate.server.upstream;

import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import io.wegate.server.upstream.WeChatProperties.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every app token fresh from a background thread ({@code wegate.upstream.proactive-refresh}),
 * so that the refresh at the end of a token's life happens here and not on a login's path. Goes
 * through the same provider as logins: single flight, the cluster lease, one upstream call.
 */
@Component
@ConditionalOnProperty(name = "wegate.upstream.proactive-refresh", havingValue = "true")
public class ProactiveTokenRefresh {

    private static final Logger log = LoggerFactory.getLogger(ProactiveTokenRefresh.class);
    private final LoginApps apps;
    private final UpstreamClients clients;

    public ProactiveTokenRefresh(LoginApps apps, UpstreamClients clients) {
        this.apps = apps;
        this.clients = clients;
    }

    /** Touches every app token; the provider refreshes the ones inside the expiry margin. */
    @Scheduled(fixedDelayString = "${wegate.upstream.proactive-refresh-interval:15s}")
    public void refresh() {
        for (WeComLoginApp app : apps.wecom()) {
            try {
                clients.wecom(app).accessToken(app.app());
            } catch (RuntimeException e) {
                log.warn("proactive refresh of WeCom app {} failed: {}", app.id(), e.getMessage());
            }
        }
        for (WeChatLoginApp app : apps.wechat()) {
            // only mini programs use an app token in wegate's flows (phone numbers)
            if (app.kind() != Kind.MINIPROGRAM) {
                continue;
            }
            try {
                clients.wechat(app).accessToken(app.app());
            } catch (RuntimeException e) {
                log.warn("proactive refresh of WeChat app {} failed: {}", app.id(), e.getMessage());
            }
        }
    }
}
