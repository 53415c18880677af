package io.wegate.client.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy answer shape ({@code UserId}, {@code OpenId}, {@code DeviceId}) from a tiny fake
 * upstream. The sandbox spells keys that way only on the legacy {@code /cgi-bin/user/getuserinfo},
 * while the client calls {@code auth/getuserinfo}, where the sandbox answers like today's WeCom; the
 * client still reads both spellings, so a proxy or an older deployment answering the old way works.
 */
class WeComUserInfoLegacyFieldsTest {

    private HttpServer server;

    private WeComClient clientAnswering(String userInfoBody) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/cgi-bin/gettoken",
                ex -> reply(ex, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"t\",\"expires_in\":7200}"));
        server.createContext("/cgi-bin/auth/getuserinfo", ex -> reply(ex, userInfoBody));
        server.start();
        return WeComClient.builder()
                .apiBaseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .build();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void getUserInfoWhenLegacyUserIdFieldThenMember() throws Exception {
        WeComClient client =
                clientAnswering("{\"errcode\":0,\"errmsg\":\"ok\",\"UserId\":\"zhangsan\",\"DeviceId\":\"d1\"}");
        assertThat(client.auth().getUserInfo(new WeComApp("ww1", "1", "s"), "c"))
                .isEqualTo(new WeComUserInfo.Member("zhangsan", null, "d1"));
    }

    @Test
    void getUserInfoWhenNonMemberThenDistinctResultNotCrash() throws Exception {
        WeComClient client = clientAnswering("{\"errcode\":0,\"errmsg\":\"ok\",\"OpenId\":\"oABC\"}");
        assertThat(client.auth().getUserInfo(new WeComApp("ww1", "1", "s"), "c"))
                .isEqualTo(new WeComUserInfo.NonMember("oABC", null));
    }

    @Test
    void getUserInfoWhenErrcodeMissingThenTreatedAsSuccess() throws Exception {
        WeComClient client = clientAnswering("{\"userid\":\"lisi\"}");
        assertThat(client.auth().getUserInfo(new WeComApp("ww1", "1", "s"), "c"))
                .isEqualTo(new WeComUserInfo.Member("lisi", null, null));
    }
}
