package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolingTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    @Test
    void fixtureThenShowsCorpAppsWithSecretsAndMembers() {
        wecom.sandbox.addTrustedDomain(NEW_APP, "127.0.0.1:9000");

        JsonNode fixture = wecom.getJson("/sandbox/fixture");
        JsonNode app = fixture.get("apps").get(0);

        assertThat(fixture.get("corpid").asString()).isEqualTo(TestSandbox.CORP_ID);
        assertThat(fixture.get("departments").size()).isEqualTo(4);
        assertThat(app.get("agentid").asString()).isEqualTo(NEW_APP);
        assertThat(app.get("secret").asString()).hasSize(43);
        assertThat(app.get("created_on").asString()).isEqualTo("2024-03-01");
        assertThat(app.get("trusted_domains").toString()).contains("localhost:8080", "127.0.0.1:9000");
        assertThat(fixture.get("members").get(0).get("mobile").asString()).startsWith("138");
    }

    @Test
    void codesWhenFlowUnknownThenBadRequestListingSupportedFlows() {
        HttpResponse<String> response = wecom.send("POST", "/sandbox/codes", "{\"flow\":\"wecom-fax\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.json(response).get("message").asString())
                .contains(
                        "wecom-web",
                        "wecom-qr",
                        "wecom-miniprogram",
                        "wechat-mp",
                        "wechat-open",
                        "wechat-miniprogram",
                        "wechat-phone");
    }

    @Test
    void codesWhenAgentidOrUseridUnknownThenBadRequest() {
        HttpResponse<String> agent = wecom.send(
                "POST", "/sandbox/codes", "{\"flow\":\"wecom-web\",\"agentid\":\"42\",\"userid\":\"zhangsan\"}");
        HttpResponse<String> user = wecom.send(
                "POST", "/sandbox/codes", "{\"flow\":\"wecom-web\",\"agentid\":\"1000002\",\"userid\":\"ghost\"}");

        assertThat(agent.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.json(agent).get("error").asString()).isEqualTo("bad_request");
        assertThat(user.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.json(user).get("message").asString()).contains("ghost");
    }

    @Test
    void codesWhenRedirectUriAbsentThenFirstTrustedDomainUsed() {
        HttpResponse<String> response = wecom.send(
                "POST",
                "/sandbox/codes",
                "{\"flow\":\"wecom-web\",\"agentid\":1000002,\"userid\":\"lisi\",\"state\":\"s1\"}");
        JsonNode body = TestSandbox.json(response);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(body.get("redirect_url").asString())
                .isEqualTo("http://localhost:8080/?code=" + body.get("code").asString() + "&state=s1");
        assertThat(body.get("expires_in").asInt()).isEqualTo(300);
    }

    @Test
    void clockWhenAdvancedOrSetThenNowMoves() {
        JsonNode advanced = wecom.postJson("/sandbox/clock", "{\"advance_seconds\":60}");
        JsonNode set = wecom.postJson("/sandbox/clock", "{\"now\":\"2030-01-01T00:00:00Z\"}");

        assertThat(advanced.get("now").asString())
                .isEqualTo(TestSandbox.START.plus(Duration.ofSeconds(60)).toString());
        assertThat(set.get("now").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(wecom.getJson("/sandbox/clock").get("now").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(wecom.send("POST", "/sandbox/clock", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathThenNotFoundJson() {
        HttpResponse<String> response = wecom.send("GET", "/cgi-bin/nope", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestSandbox.json(response).get("error").asString()).isEqualTo("not_found");
    }

    @Test
    void wrongMethodThenMethodNotAllowedWithAllowHeader() {
        HttpResponse<String> response = wecom.send("POST", "/cgi-bin/gettoken", "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void bodyOver64KibThenPayloadTooLarge() {
        String big = "{\"user_ticket\":\"" + "x".repeat(70_000) + "\"}";

        HttpResponse<String> response = wecom.send("POST", "/cgi-bin/auth/getuserdetail?access_token=t", big);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void queryWithBrokenPercentEncodingThenBadRequest() throws IOException {
        // java.net.URI refuses to build such a URL, so the request is written by hand. The JDK server rejects it
        // before the dispatcher sees it; what matters is a clean 400 and a server that keeps serving.
        try (Socket socket = new Socket("127.0.0.1", wecom.sandbox.port())) {
            socket.getOutputStream()
                    .write("GET /cgi-bin/gettoken?corpid=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
        }
        assertThat(wecom.token(NEW_APP)).isNotBlank();
    }

    @Test
    void indexPageThenDescribesSandboxAndLinksFixture() {
        HttpResponse<String> response = wecom.send("GET", "/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("WeCom sandbox", "/sandbox/fixture", "/connect/oauth2/authorize?appid=");
    }
}
