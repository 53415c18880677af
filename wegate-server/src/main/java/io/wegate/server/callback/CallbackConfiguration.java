package io.wegate.server.callback;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.WeChatProperties;
import io.wegate.server.upstream.WeComProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

    @Bean
    CallbackReceivers callbackReceivers(
            LoginApps apps, WeComProperties wecom, WeChatProperties wechat, ObjectProvider<Sandbox> sandbox) {
        Sandbox s = sandbox.getIfAvailable();
        return CallbackReceivers.of(
                apps, wecom, wechat, s == null ? null : s.fixture().corpId());
    }
}
