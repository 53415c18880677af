package io.wegate.server.sandbox;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import io.wegate.server.callback.CallbackReceivers;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.UpstreamMode;
import io.wegate.server.upstream.WeChatProperties;
import io.wegate.server.web.PublicBaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Sandbox mode: the simulated WeCom and WeChat run in this process on their own port, and the
 * gateway talks to them over HTTP exactly as it would to the real ones. Only when no upstream app is
 * configured ({@link UpstreamMode}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxModeCondition.class)
class SandboxModeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxModeConfiguration.class);

    @Bean(destroyMethod = "close")
    Sandbox sandbox(SandboxProperties properties, Environment env) {
        Sandbox.Builder b = Sandbox.builder()
                .port(properties.port())
                .bindAddress(properties.bindAddress())
                .gettokenDailyQuota(properties.gettokenDailyQuota());
        if (properties.fixture() != null) {
            b.fixture(SandboxFixture.load(properties.fixture()));
        }
        Sandbox sandbox = b.start();
        log.warn(
                "SANDBOX MODE{}: wegate logs people in against the simulated WeCom and WeChat at {} (corp {}), and"
                        + " anyone who can reach {}/sandbox/codes can log in as any demo user. Nothing here is real."
                        + " No upstream app is configured; for production set {}.",
                UpstreamMode.of(env).forced() ? " (wegate.sandbox.enabled=true)" : "",
                sandbox.baseUrl(),
                sandbox.fixture().corpId(),
                sandbox.baseUrl(),
                UpstreamMode.APP_PROPERTIES);
        return sandbox;
    }

    /**
     * The sandbox's apps, and its corp's contact-sync assistant, send their events to the gateway's callback
     * receivers, as an administrator would configure in the console (接收消息 / 接收事件服务器: URL, Token,
     * EncodingAESKey); the sandbox verifies each URL as the console does when it is saved.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> sandboxSendsCallbacksToGateway(
            Sandbox sandbox, CallbackReceivers receivers) {
        return event -> {
            if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)
                    || web.getWebServer().getPort() <= 0) {
                return;
            }
            String base = "http://127.0.0.1:" + web.getWebServer().getPort() + "/callbacks/";
            for (CallbackReceivers.Receiver r : receivers.all()) {
                String target = switch (r.kind()) {
                    case WECOM_CONTACT_SYNC -> Sandbox.CONTACT_SYNC;
                    case WECOM_APP, WECHAT_APP -> r.app();
                };
                try {
                    sandbox.configureCallback(
                            target, java.net.URI.create(base + r.path()), r.token(), r.encodingAesKey());
                } catch (RuntimeException e) {
                    log.warn("the sandbox could not verify the callback URL of {}: {}", r.path(), e.getMessage());
                }
            }
        };
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
