package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wegate.sandbox.callback.Callbacks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's callbacks against a receiver written with WxJava's own crypto (unmodified): the console's URL check,
 * the events an administrator's changes deliver, the retries when the receiver does not answer 200, and the members
 * page.
 */
class CallbacksTest {

    static final String TOKEN = "Tk7sim2025wecom";
    static final String KEY = "SimulatorTestVectorKey0123456789abcdefghijk";

    TestSandbox t;
    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        t = TestSandbox.start();
        t.sandbox.callbacks().retryDelay(Duration.ZERO);
        WxCryptUtil wx = new WxCryptUtil(TOKEN, KEY, TestSandbox.CORP_ID);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/cb", ex -> {
            Map<String, String> q = new HashMap<>();
            for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            }
            byte[] answer;
            int status = 200;
            try {
                if (ex.getRequestMethod().equals("GET")) {
                    answer = wx.decryptContent(
                                    q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), q.get("echostr"))
                            .getBytes(StandardCharsets.UTF_8);
                } else if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    status = 503;
                    answer = new byte[0];
                } else {
                    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    received.add(wx.decryptXml(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), body));
                    answer = new byte[0];
                }
            } catch (Exception | LinkageError e) {
                // WxJava refuses (a wrong key, a bad signature): answered, never a dropped connection
                status = 400;
                answer = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        t.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb");
    }

    @Test
    void whenTheConsoleSavesAUrlThenItIsVerifiedAndAWrongKeyIsRefusedWithTheConsolesMessage() {
        t.sandbox.configureCallback(TestSandbox.NEW_APP, url(), TOKEN, KEY);
        assertThat(t.sandbox.callbacks().configured(TestSandbox.NEW_APP)).isTrue();

        HttpResponse<String> wrong = t.send(
                "POST",
                "/sandbox/callbacks",
                // a wrong token, not a wrong key: WxJava decrypts before it bounds msg_len, and a wrong key's
                // garbage length makes it try to allocate up to 2 GB (the client library refuses such a buffer)
                "{\"receiver\":\"" + TestSandbox.OLD_APP + "\",\"url\":\"" + url() + "\",\"token\":\"wrongToken"
                        + "\",\"encoding_aes_key\":\"" + KEY + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("echostr校验失败");
        assertThat(t.sandbox.callbacks().configured(TestSandbox.OLD_APP)).isFalse();
    }

    @Test
    void whenAMemberIsDisabledThenEveryAppThatSawThemGetsUnsubscribeAndWxJavaReadsIt() {
        t.sandbox.configureCallback(TestSandbox.NEW_APP, url(), TOKEN, KEY);
        t.sandbox.configureCallback(Callbacks.CONTACT_SYNC, url(), TOKEN, KEY);
        HttpResponse<String> r = t.send("POST", "/sandbox/members", "{\"userid\":\"zhangsan\",\"action\":\"disable\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        t.sandbox.callbacks().drain();

        // the new app sees everyone: unsubscribe from zhangsan; the contact-sync URL (saved after 2022-08-15): nothing
        assertThat(received)
                .singleElement()
                .satisfies(xml -> assertThat(xml)
                        .contains("<FromUserName><![CDATA[zhangsan]]></FromUserName>")
                        .contains("<Event><![CDATA[unsubscribe]]></Event>")
                        .contains("<AgentID>" + TestSandbox.NEW_APP + "</AgentID>"));
        assertThat(t.getJson("/sandbox/fixture").toString()).contains("\"userid\":\"zhangsan\"");

        t.send("POST", "/sandbox/members", "{\"userid\":\"zhangsan\",\"action\":\"delete\"}");
        t.sandbox.callbacks().drain();
        assertThat(received.getLast()).contains("<ChangeType><![CDATA[delete_user]]></ChangeType>");
        assertThat(t.getJson("/sandbox/fixture").toString()).doesNotContain("\"userid\":\"zhangsan\"");
    }

    @Test
    void whenTheReceiverFailsThenTheSandboxRetriesThreeTimesAndRecordsEachAttempt() {
        t.sandbox.configureCallback(TestSandbox.NEW_APP, url(), TOKEN, KEY);
        failNext.set(2);
        t.sandbox.members().setVisible(TestSandbox.NEW_APP, "lisi", false);
        t.sandbox.callbacks().drain();
        assertThat(t.sandbox.callbacks().deliveries())
                .extracting(Callbacks.Delivery::status)
                .containsExactly(503, 503, 200);
        assertThat(received).hasSize(1);

        failNext.set(10);
        t.sandbox.members().setVisible(TestSandbox.NEW_APP, "lisi", true);
        t.sandbox.callbacks().drain();
        // 1 + 3 retries, then the platform gives up
        assertThat(t.sandbox.callbacks().deliveries()).hasSize(3 + 4);
        assertThat(received).hasSize(1);
    }

    @Test
    void whenTheMembersPageIsShownThenEachMemberHasTheAdministratorsButtons() {
        HttpResponse<String> page = t.send("GET", "/", null);
        assertThat(page.body())
                .contains("data-userid=\"zhangsan\" data-action=\"disable\"")
                .contains("data-userid=\"wujiu\" data-action=\"enable\"");
    }
}
