package io.wegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The embedded defaults survive a restart: same signing key, same accounts. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(WegateApplication.class)
                .run(
                        "--server.port=0",
                        "--wegate.sandbox.port=0",
                        "--wegate.data-dir=" + dataDir,
                        // the default issuer is the public base URL, which moves with a random port
                        "--wegate.token.issuer=https://wegate.test");
    }

    @Test
    void restartWhenDataDirKeptThenSameJwksAndAccountAndTokensStillVerify() {
        String jwksBefore;
        String accountId;
        String accessToken;
        try (ConfigurableApplicationContext first = start()) {
            Gateway g = gateway(first);
            JsonNode login = g.loginAs("zhangsan");
            accountId = login.get("account").get("id").asString();
            accessToken = login.get("access_token").asString();
            jwksBefore = g.http().get(g.base() + "/.well-known/jwks.json").body();
        }
        assertThat(Files.exists(dataDir.resolve("wegate.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            Gateway g = gateway(second);
            assertThat(g.http().get(g.base() + "/.well-known/jwks.json").body()).isEqualTo(jwksBefore);
            Http.Answer me = g.me(accessToken);
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.json().get("id").asString()).isEqualTo(accountId);
            JsonNode again = g.loginAs("zhangsan");
            assertThat(again.get("account").get("id").asString()).isEqualTo(accountId);
        }
    }

    private static Gateway gateway(ConfigurableApplicationContext ctx) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Gateway(port, ctx.getBean(Sandbox.class));
    }
}
