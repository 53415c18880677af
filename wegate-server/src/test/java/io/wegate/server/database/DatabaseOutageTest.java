package io.wegate.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.TestClockConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The database stops and comes back: clear 503s meanwhile, and everything acknowledged before is still there. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wegate.sandbox.port=0")
@Import(TestClockConfiguration.class)
class DatabaseOutageTest {

    static final Path DATA;
    static final int PORT;
    static EmbeddedPostgres postgres;

    static {
        try {
            DATA = Files.createTempDirectory("wegate-pg-outage");
            try (ServerSocket s = new ServerSocket(0)) {
                PORT = s.getLocalPort();
            }
            postgres = start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static EmbeddedPostgres start() throws Exception {
        return EmbeddedPostgres.builder()
                .setPort(PORT)
                .setDataDirectory(DATA)
                .setCleanDataDirectory(false)
                .start();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + PORT + "/postgres");
        r.add("spring.datasource.username", () -> "postgres");
        r.add("spring.datasource.password", () -> "");
        r.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Test
    void loginWhenDatabaseDownThenServiceUnavailableAndNothingAcknowledgedIsLost() throws Exception {
        Gateway g = new Gateway(port, sandbox);
        JsonNode before = g.loginAs("zhangsan");

        postgres.close();
        Http.Answer login = g.login(g.code("lisi"), g.newState());
        Http.Answer refresh = g.refresh(before.get("refresh_token").asString());
        // the authorization server's endpoints (filters, outside MVC) answer the same way
        Http.Answer oidcToken = g.http()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.base() + "/oauth2/introspect"))
                        .header("Authorization", Gateway.basic("wegate-demo", "wegate-demo-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "token=" + before.get("access_token").asString())));
        postgres = start();

        assertThat(oidcToken.status()).as(oidcToken.body()).isEqualTo(503);
        assertThat(oidcToken.json().get("error").asString()).isEqualTo("service_unavailable");

        assertThat(login.status()).as(login.body()).isEqualTo(503);
        assertThat(login.json().get("error").asString()).isEqualTo("service_unavailable");
        assertThat(login.json().get("message_zh").asString()).contains("数据库");
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(503);
        // the refresh token was not used up by the failed attempt, and the account is still there;
        // the pool may hand out a connection from before the restart once ("try again shortly")
        Http.Answer again = g.refresh(before.get("refresh_token").asString());
        for (int i = 0; i < 50 && again.status() == 503; i++) {
            Thread.sleep(200);
            again = g.refresh(before.get("refresh_token").asString());
        }
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("account").get("id").asString())
                .isEqualTo(before.get("account").get("id").asString());
    }
}
