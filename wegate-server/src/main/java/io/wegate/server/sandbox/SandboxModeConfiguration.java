package io.wegate.server.sandbox;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import io.wegate.server.upstream.WeComUpstream;
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

    /** The sandbox app trusts the gateway's own domain, as an operator would configure in WeCom. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> sandboxTrustsGatewayDomain(
            Sandbox sandbox, WeComUpstream upstream, PublicBaseUrl publicBaseUrl) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null) {
                sandbox.addTrustedDomain(upstream.app().agentId(), publicBaseUrl.domain());
            }
        };
    }
}
