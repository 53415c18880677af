package io.wegate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.env.MockEnvironment;

/** One instance builds no Redis client; a cluster gets Boot's Redis auto-configuration as before (ClusterModeTest). */
@GatewayTest
class RedisOnlyInClusterModeTest {

    @Autowired
    ApplicationContext context;

    private static final String[] CANDIDATES = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.netty.autoconfigure.NettyAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        null
    };

    private static boolean[] match(MockEnvironment env) {
        RedisOnlyInClusterMode filter = new RedisOnlyInClusterMode();
        filter.setEnvironment(env);
        return filter.match(CANDIDATES, null);
    }

    @Test
    void whenStoreIsMemoryThenRedisAndNettyAutoConfigurationsAreLeftOutAndTheRestStays() {
        assertThat(match(new MockEnvironment().withProperty("wegate.store", "memory")))
                .containsExactly(false, false, true, true);
        assertThat(match(new MockEnvironment())).containsExactly(false, false, true, true);
    }

    @Test
    void whenStoreIsRedisThenEveryAutoConfigurationStays() {
        assertThat(match(new MockEnvironment().withProperty("wegate.store", "redis")))
                .containsExactly(true, true, true, true);
        // as @ConditionalOnProperty compares it
        assertThat(match(new MockEnvironment().withProperty("wegate.store", "REDIS")))
                .containsExactly(true, true, true, true);
    }

    @Test
    void whenStartedInMemoryModeThenNoRedisClientIsBuilt() {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(StringRedisTemplate.class)).isEmpty();
    }
}
