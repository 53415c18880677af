package io.wegate.server.login.wechat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One instance ({@code wegate.store=memory}): mini-program session keys in this JVM's memory. */
@Configuration(proxyBeanMethods = false)
class WeChatLoginConfiguration {

    @Bean
    @ConditionalOnProperty(name = "wegate.store", havingValue = "memory", matchIfMissing = true)
    MiniProgramSessions miniProgramSessions() {
        return new InMemoryMiniProgramSessions();
    }
}
