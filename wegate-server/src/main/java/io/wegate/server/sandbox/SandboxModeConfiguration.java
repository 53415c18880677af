package io.wegate.server.sandbox;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.WeChatProperties;
import io.wegate.server.web.PublicBaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Sandbox mode: the simulated WeCom runs in this process on its own port, and the gateway talks
 * to it over HTTP exactly as it would to WeCom.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxModeCondition.class)
class SandboxModeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxModeConfiguration.class);

    @Bean(destroyMethod = "close")
    Sandbox sandbox(SandboxProperties properties) {
        Sandbox.Builder b = Sandbox.builder()
                .port(properties.port())
                .bindAddress(properties.bindAddress())
                .gettokenDailyQuota(properties.gettokenDailyQuota());
        if (properties.fixture() != null) {
            b.fixture(SandboxFixture.load(properties.fixture()));
        }
        Sandbox sandbox = b.start();
        log.warn(
                "SANDBOX MODE: no WeCom credentials are configured, so wegate logs people in against the simulated"
                        + " WeCom at {} (corp {}). Nothing here is real; set wegate.wecom.corp-id, agent-id and secret"
                        + " for production.",
                sandbox.baseUrl(),
                sandbox.fixture().corpId());
        return sandbox;
    }

    /**
     * The sandbox's apps trust the gateway's own domain, as an operator would configure in WeCom
     * (可信域名) and WeChat (网页授权域名, 授权回调域).
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> sandboxTrustsGatewayDomain(
            Sandbox sandbox, LoginApps apps, PublicBaseUrl publicBaseUrl) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null) {
                apps.wecom().forEach(a -> sandbox.addTrustedDomain(a.app().agentId(), publicBaseUrl.domain()));
                apps.wechat().stream()
                        .filter(a -> a.kind() != WeChatProperties.Kind.MINIPROGRAM)
                        .forEach(a -> sandbox.addWeChatDomain(a.app().appId(), publicBaseUrl.domain()));
            }
        };
    }
}
