package io.wegate.bench.apps.wxjava;

import static io.wegate.bench.apps.wxjava.BenchHttp.get;
import static io.wegate.bench.apps.wxjava.BenchHttp.json;
import static io.wegate.bench.apps.wxjava.BenchHttp.loginWithCode;
import static io.wegate.bench.apps.wxjava.BenchHttp.mintCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** {@code bench.wxjava.redis=true} against the local Redis (127.0.0.1:6379): instances share WxJava's access token. */
class WxJavaCpAppRedisTest {

    @Test
    void whenTwoInstancesShareRedisThenOneGettokenServesTheLoginsOfBoth() {
        String prefix = "wxjava-test-" + UUID.randomUUID();
        String[] redis = {"--bench.wxjava.redis=true", "--bench.wxjava.redis-key-prefix=" + prefix};
        try (Sandbox sandbox = Sandbox.builder().start();
                ConfigurableApplicationContext a = BenchHttp.startApp(sandbox, redis);
                ConfigurableApplicationContext b = BenchHttp.startApp(sandbox, redis)) {
            StringRedisTemplate keys = a.getBean(StringRedisTemplate.class);
            try {
                HttpResponse<String> first = loginWithCode(a, mintCode(sandbox, "zhangsan"));
                HttpResponse<String> second = loginWithCode(b, mintCode(sandbox, "lisi"));
                HttpResponse<String> third = loginWithCode(b, mintCode(sandbox, "wangwu"));

                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
                assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
                JsonNode calls = json(get(URI.create(sandbox.baseUrl() + "/sandbox/stats")))
                        .get("calls");
                assertThat(calls.get("/cgi-bin/gettoken").asLong()).isEqualTo(1L);
                assertThat(calls.get("/cgi-bin/user/getuserinfo").asLong()).isEqualTo(3L);
                assertThat(keys.hasKey(prefix + ":wechat_cp_access_token_key:"
                                + sandbox.fixture().corpId() + ":" + BenchHttp.AGENT_ID))
                        .isTrue();
            } finally {
                keys.delete(keys.keys(prefix + ":*"));
            }
        }
    }
}
