package io.wegate.server.login;

import java.security.SecureRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

    @Bean
    @ConditionalOnProperty(name = "wegate.store", havingValue = "memory", matchIfMissing = true)
    UsedStates usedStates() {
        return new InMemoryUsedStates(500_000);
    }

    @Bean
    @ConditionalOnProperty(name = "wegate.store", havingValue = "memory", matchIfMissing = true)
    RateLimitBuckets rateLimitBuckets() {
        return new InMemoryRateLimitBuckets();
    }

    @Bean
    @ConditionalOnMissingBean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
