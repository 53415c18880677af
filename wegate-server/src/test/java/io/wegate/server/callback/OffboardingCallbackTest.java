package io.wegate.server.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.client.callback.WxBizMsgCrypt;
import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.callback.Callbacks;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Offboarding end to end through the sandbox's callbacks: the sandbox plays the administrator (disable, enable,
 * delete, visible range) and delivers the events a real corp delivers, signed and encrypted, to the receivers wegate
 * registered with it at start; wegate ends (and restores) access. The policy here is {@code disable-account}.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.wecom.offboarding=disable-account")
@ExtendWith(OutputCaptureExtension.class)
class OffboardingCallbackTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    @Autowired
    CallbackReceivers receivers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.wegate.server.support.MovableClock clock;

    Gateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port, sandbox);
        sandbox.callbacks().retryDelay(Duration.ZERO);
        sandbox.callbacks().clearFaults();
    }

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    private Http.Answer introspect(String token) {
        return OidcClient.demo().introspect(gateway, token);
    }

    private String status(String userid) {
        String accountId = accounts.findIdentity(
                        IdentityKey.wecom(sandbox.fixture().corpId(), userid))
                .orElseThrow()
                .accountId();
        return accounts.findAccount(accountId).orElseThrow().status();
    }

    @Test
    void whenTheSandboxRegisteredTheReceiversThenEachUrlWasVerifiedAsTheConsoleDoes() {
        // the two apps, the contact-sync assistant and the WeChat apps: every one verified at start
        assertThat(receivers.all()).isNotEmpty();
        for (CallbackReceivers.Receiver r : receivers.all()) {
            String target = r.kind() == CallbackReceivers.Kind.WECOM_CONTACT_SYNC ? Callbacks.CONTACT_SYNC : r.app();
            assertThat(sandbox.callbacks().configured(target)).as(r.path()).isTrue();
        }
    }

    @Test
    void whenTheMemberIsDisabledThenEveryLoginEndsAndTheNextIsRefusedUntilTheyAreEnabledAgain() {
        JsonNode api = gateway.loginAs("zhangsan");
        String refresh = api.get("refresh_token").asString();
        String access = api.get("access_token").asString();
        String session = OidcClient.browserSession(gateway, "zhangsan");
        assertThat(gateway.sessionToken(session).status()).isEqualTo(200);
        assertThat(introspect(access).json().get("active").asBoolean()).isTrue();
        String pending = gateway.code("zhangsan"); // minted before the change, exchanged after it

        sandbox.members().disable("zhangsan");
        sandbox.callbacks().drain();

        assertThat(gateway.refresh(refresh).status()).isEqualTo(400);
        assertThat(introspect(access).json().get("active").asBoolean()).isFalse();
        assertThat(gateway.sessionToken(session).status()).isEqualTo(401);
        assertThat(status("zhangsan")).isEqualTo("disabled");
        Http.Answer refused = gateway.login(pending, gateway.newState());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("access_ended");
        assertThat(refused.body()).contains("visible range").contains("可见范围");

        sandbox.members().enable("zhangsan");
        sandbox.callbacks().drain();

        assertThat(status("zhangsan")).isEqualTo("active");
        String metrics = gateway.operator("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("wegate_callback_events_total{outcome=\"ended\",type=\"unsubscribe\"}")
                .contains("wegate_callback_events_total{outcome=\"restored\",type=\"subscribe\"}")
                .contains("wegate_offboarding_latency_seconds_count{stage=\"logins_ended\"}");
        JsonNode again = gateway.loginAs("zhangsan");
        assertThat(gateway.refresh(again.get("refresh_token").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void whenTheMemberLeavesOneAppsVisibleRangeThenOnlyThatAppsLoginsEnd() {
        // lisi is seen by both apps (1000002 sees the whole corp, 1000003 department 2)
        JsonNode viaDefault = gateway.loginAs("lisi");
        sandbox.members().setVisible("1000003", "lisi", false);
        sandbox.callbacks().drain();

        // the login through 1000002 stands; the account stays active: another app still serves the identity
        assertThat(gateway.refresh(viaDefault.get("refresh_token").asString()).status())
                .isEqualTo(200);
        assertThat(status("lisi")).isEqualTo("active");

        sandbox.members().setVisible("1000002", "lisi", false);
        sandbox.callbacks().drain();
        assertThat(status("lisi")).isEqualTo("disabled");

        sandbox.members().setVisible("1000002", "lisi", true);
        sandbox.members().setVisible("1000003", "lisi", true);
        sandbox.callbacks().drain();
        assertThat(status("lisi")).isEqualTo("active");
        gateway.loginAs("lisi");
    }

    @Test
    void whenTheContactSyncAssistantSaysTheMemberWasDeletedThenTheirAccessEndsForEveryApp() {
        JsonNode api = gateway.loginAs("zhaoliu");
        sandbox.members().delete("zhaoliu");
        sandbox.callbacks().drain();

        assertThat(gateway.refresh(api.get("refresh_token").asString()).status())
                .isEqualTo(400);
        assertThat(accounts.findAccount(api.get("account").get("id").asString())
                        .orElseThrow()
                        .status())
                .isEqualTo("disabled");
        String ended = jdbc.sql("select access_ended from external_identity where subject like 'zhaoliu#retired:%'")
                .query(String.class)
                .single();
        assertThat(ended).isEqualTo("*");
        // retired: should WeCom give the userid to a new member, they get an account of their own
        assertThat(accounts.findIdentity(IdentityKey.wecom(sandbox.fixture().corpId(), "zhaoliu")))
                .isEmpty();
    }

    @Test
    void whenDeliveriesAreBadlySignedOrForAnotherCorpThenTheyAreRefusedRetriedAndChangeNothing(CapturedOutput output) {
        JsonNode api = gateway.loginAs("sunqi");
        sandbox.callbacks().drain();
        int before = sandbox.callbacks().deliveries().size();

        // two unsubscribe events, the first badly signed, the second encrypted for another corp
        sandbox.callbacks().fault(Callbacks.Fault.BAD_SIGNATURE, 1);
        sandbox.members().setVisible("1000003", "sunqi", false);
        sandbox.callbacks().fault(Callbacks.Fault.WRONG_RECEIVE_ID, 1);
        sandbox.members().setVisible("1000002", "sunqi", false);
        sandbox.callbacks().drain();

        List<Callbacks.Delivery> attempts = sandbox.callbacks()
                .deliveries()
                .subList(before, sandbox.callbacks().deliveries().size());
        // each first attempt refused with 400, then delivered by the platform's retry (signed right this time)
        assertThat(attempts).extracting(Callbacks.Delivery::status).containsExactly(400, 200, 400, 200);
        assertThat(status("sunqi")).isEqualTo("disabled");
        assertThat(output.getAll()).contains("callback refused at wecom/apps/").doesNotContain("sunqi</");

        sandbox.members().setVisible("1000002", "sunqi", true);
        sandbox.members().setVisible("1000003", "sunqi", true);
        sandbox.callbacks().drain();
        assertThat(gateway.refresh(api.get("refresh_token").asString()).status())
                .isEqualTo(400);
    }

    @Test
    void whenAnEventIsDeliveredTwiceThenItIsStoredAndActedOnOnce() {
        gateway.loginAs("wangwu");
        sandbox.callbacks().fault(Callbacks.Fault.DUPLICATE, 1);
        sandbox.members().setVisible("1000002", "wangwu", false);
        sandbox.callbacks().drain();

        long stored = jdbc.sql(
                        "select count(*) from callback_event where subject = 'wangwu' and event_type = 'unsubscribe'")
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(1);
        long audits = jdbc.sql("select count(*) from audit_event where subject = 'wangwu' and event = 'access_ended'")
                .query(Long.class)
                .single();
        assertThat(audits).isEqualTo(1);
        sandbox.members().setVisible("1000002", "wangwu", true);
        sandbox.callbacks().drain();
    }

    @Autowired
    io.wegate.server.offboarding.Reconciliation reconciliation;

    @Autowired
    io.wegate.server.upstream.LoginApps apps;

    @Test
    void whenAMemberLeavesTheVisibleRangeWithNoEventThenReconciliationEndsTheirAccessAndLaterBringsItBack() {
        JsonNode api = gateway.loginAs("zhouba");
        String pending = gateway.code("zhouba");
        sandbox.callbacks().drain();
        int deliveries = sandbox.callbacks().deliveries().size();
        sandbox.members().setVisible("1000002", "zhouba", false, true);
        sandbox.callbacks().drain();
        // no event: nothing delivered, the login still stands
        assertThat(sandbox.callbacks().deliveries()).hasSize(deliveries);
        Http.Answer rotated = gateway.refresh(api.get("refresh_token").asString());
        assertThat(rotated.status()).isEqualTo(200);
        String refresh = rotated.json().get("refresh_token").asString();

        // a pass is as of its start, to the second: it loses to any event of zhouba's in the same second (another
        // test's), so this one is run later
        clock.advance(Duration.ofSeconds(5));
        var reports = apps.wecom().stream().map(reconciliation::run).toList();

        assertThat(reports).allMatch(io.wegate.server.offboarding.Reconciliation.Report::complete);
        assertThat(reports.getFirst().ended()).isGreaterThanOrEqualTo(1);
        assertThat(gateway.refresh(refresh).status()).isEqualTo(400);
        // a finding ends logins and refuses the next ones, but never disables the account
        assertThat(status("zhouba")).isEqualTo("active");
        // (WeCom itself now refuses the app a user/get of someone outside its range: wegate says which refused)
        Http.Answer refused = gateway.login(pending, gateway.newState());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isIn("access_ended", "not_in_visible_range");

        sandbox.members().setVisible("1000002", "zhouba", true, true);
        clock.advance(Duration.ofSeconds(5));
        var again = apps.wecom().stream().map(reconciliation::run).toList();
        assertThat(again.getFirst().restored()).isGreaterThanOrEqualTo(1);
        assertThat(status("zhouba")).isEqualTo("active");
        gateway.loginAs("zhouba");
        clock.reset();
    }

    @Test
    void whenAWeChatUserWithdrawsTheirAuthorisationThenTheirLoginsThroughThatAppEndAndANewLoginWorks() {
        io.wegate.sandbox.WeChatFixture.App mini = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == io.wegate.sandbox.WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow();
        io.wegate.sandbox.WeChatFixture.User amy =
                sandbox.fixture().wechatUser("amy").orElseThrow();
        java.util.function.Supplier<Http.Answer> login = () -> gateway.postApi(
                "/api/v1/login/wechat-miniprogram",
                java.util.Map.of(
                        "code",
                        gateway.mint(java.util.Map.of(
                                        "flow", "wechat-miniprogram", "appid", mini.appid(), "user", "amy"))
                                .get("code")
                                .asString()));
        Http.Answer first = login.get();
        assertThat(first.status()).as(first.body()).isEqualTo(200);

        Http.Answer revoked = gateway.http()
                .postJson(
                        sandbox.baseUrl() + "/sandbox/wechat/revocations",
                        java.util.Map.of(
                                "appid",
                                mini.appid(),
                                "openid",
                                amy.openidFor(mini.appid()),
                                "event",
                                "user_authorization_revoke",
                                "revoke_info",
                                "6"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        sandbox.callbacks().drain();

        assertThat(gateway.refresh(first.json().get("refresh_token").asString()).status())
                .isEqualTo(400);
        assertThat(login.get().status()).isEqualTo(200);
    }

    @Test
    void whenAMembersUseridChangesThenTheIdentityFollowsAndTheOldUseridIsNoLongerTheirs() {
        gateway.loginAs("wangwu");
        CallbackReceivers.Receiver r = receivers.byPath("wecom/contact-sync").orElseThrow();
        String now = Long.toString(clock.instant().getEpochSecond());
        String xml = "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><FromUserName><![CDATA[sys]]>"
                + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event>"
                + "<![CDATA[change_contact]]></Event><ChangeType>update_user</ChangeType><UserID><![CDATA[wangwu]]>"
                + "</UserID><NewUserID><![CDATA[wangwu2]]></NewUserID></xml>";
        String[] signed = post(r, xml, now, "777").split("\\|");
        Http.Answer a = send(
                r.path(),
                "msg_signature=" + signed[0] + "&timestamp=" + now + "&nonce=777",
                "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><Encrypt><![CDATA[" + signed[1]
                        + "]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>");
        assertThat(a.status()).isEqualTo(200);
        String corp = sandbox.fixture().corpId();
        assertThat(accounts.findIdentity(IdentityKey.wecom(corp, "wangwu"))).isEmpty();
        assertThat(accounts.findIdentity(IdentityKey.wecom(corp, "wangwu2"))).isPresent();
        // put it back, for the other tests of this class
        jdbc.sql("update external_identity set subject = 'wangwu' where subject = 'wangwu2'")
                .update();
    }

    @Test
    void whenAnotherAppsEventArrivesAtThisAppsUrlThenItChangesNothingForThisApp() {
        JsonNode api = gateway.loginAs("lisi");
        CallbackReceivers.Receiver r = receivers.byPath("wecom/apps/default").orElseThrow();
        String now = Long.toString(clock.instant().getEpochSecond());
        // signed with this receiver's credentials (two apps may share them), but about agent 1000003
        String xml = "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><FromUserName><![CDATA[lisi]]>"
                + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<AgentID>1000003</AgentID><Event><![CDATA[unsubscribe]]></Event></xml>";
        String[] signed = post(r, xml, now, "999").split("\\|");
        assertThat(send(
                                r.path(),
                                "msg_signature=" + signed[0] + "&timestamp=" + now + "&nonce=999",
                                "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><Encrypt><![CDATA["
                                        + signed[1] + "]]></Encrypt></xml>")
                        .status())
                .isEqualTo(200);
        assertThat(gateway.refresh(api.get("refresh_token").asString()).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select outcome from callback_event where subject = 'lisi' and event_key is not null"
                                + " order by received_at desc")
                        .query(String.class)
                        .list())
                .first()
                .isEqualTo("other_app");
    }

    @Test
    void whenTheAppReceivesAMessageItDoesNotActOnThenItIsAnsweredAndNotStored() {
        CallbackReceivers.Receiver r = receivers.byPath("wecom/apps/default").orElseThrow();
        String now = Long.toString(clock.instant().getEpochSecond());
        String xml = "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><FromUserName><![CDATA[lisi]]>"
                + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
                + "<![CDATA[你好]]></Content><MsgId>1234567890</MsgId><AgentID>" + r.app() + "</AgentID></xml>";
        long before = jdbc.sql("select count(*) from callback_event")
                .query(Long.class)
                .single();
        String[] signed = post(r, xml, now, "888").split("\\|");
        Http.Answer a = send(
                r.path(),
                "msg_signature=" + signed[0] + "&timestamp=" + now + "&nonce=888",
                "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><Encrypt><![CDATA[" + signed[1]
                        + "]]></Encrypt><AgentID><![CDATA[" + r.app() + "]]></AgentID></xml>");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEmpty();
        assertThat(jdbc.sql("select count(*) from callback_event")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    /** A request built as the platform builds one, with this receiver's credentials. */
    private String post(CallbackReceivers.Receiver r, String plaintext, String timestamp, String nonce) {
        String encrypt = r.crypt().encrypt(plaintext);
        return r.crypt().signature(timestamp, nonce, encrypt) + "|" + encrypt;
    }

    private Http.Answer send(String path, String query, String body) {
        return gateway.http().postRaw(gateway.base() + "/callbacks/" + path + "?" + query, "text/xml", body);
    }

    @Test
    void whenTheSameSignedRequestIsReplayedThenTheSecondChangesNothing() {
        gateway.loginAs("zhouba");
        CallbackReceivers.Receiver r = receivers.byPath("wecom/apps/default").orElseThrow();
        String now = Long.toString(clock.instant().getEpochSecond());
        String xml = "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><FromUserName><![CDATA[zhouba]]>"
                + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<AgentID>" + r.app() + "</AgentID><Event><![CDATA[subscribe]]></Event></xml>";
        String[] signed = post(r, xml, now, "123456").split("\\|");
        String query = "msg_signature=" + signed[0] + "&timestamp=" + now + "&nonce=123456";
        String body = "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><Encrypt><![CDATA[" + signed[1]
                + "]]></Encrypt><AgentID><![CDATA[" + r.app() + "]]></AgentID></xml>";
        assertThat(send(r.path(), query, body).status()).isEqualTo(200);
        assertThat(send(r.path(), query, body).status()).isEqualTo(200);
        long stored = jdbc.sql("select count(*) from callback_event where subject = 'zhouba'")
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(1);

        // the same request a day and more later: refused as old (the record that recognises it is kept 7 days)
        clock.advance(Duration.ofHours(25));
        try {
            Http.Answer old = send(r.path(), query, body);
            assertThat(old.status()).isEqualTo(400);
            assertThat(old.body()).contains("more than a day");
        } finally {
            clock.reset();
        }
    }

    @Test
    void whenRequestsAreForgedMalformedOrOversizedThenTheyAreRefusedWithAClearErrorAndNothingIsStored() {
        CallbackReceivers.Receiver r = receivers.byPath("wecom/apps/default").orElseThrow();
        long before = jdbc.sql("select count(*) from callback_event")
                .query(Long.class)
                .single();
        String good =
                "<xml><ToUserName><![CDATA[" + r.tenant() + "]]></ToUserName><Encrypt><![CDATA[abc]]></Encrypt></xml>";

        // no signature, a wrong one, a malformed body, a DTD, an oversized body, an unknown receiver
        assertThat(send(r.path(), "timestamp=1&nonce=2", good).status()).isEqualTo(400);
        Http.Answer wrong = send(r.path(), "msg_signature=" + "0".repeat(40) + "&timestamp=1&nonce=2", good);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asString()).isEqualTo("callback_refused");
        assertThat(send(r.path(), "msg_signature=x&timestamp=1&nonce=2", "<xml><Encrypt>")
                        .status())
                .isEqualTo(400);
        String xxe = "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&x;</Encrypt></xml>";
        Http.Answer dtd = send(r.path(), "msg_signature=x&timestamp=1&nonce=2", xxe);
        assertThat(dtd.status()).isEqualTo(400);
        assertThat(dtd.body()).doesNotContain("root:");
        assertThat(send(r.path(), "msg_signature=x&timestamp=1&nonce=2", "<xml>" + "a".repeat(70_000) + "</xml>")
                        .status())
                .isEqualTo(413);
        assertThat(send("wecom/apps/nope", "msg_signature=x&timestamp=1&nonce=2", good)
                        .status())
                .isEqualTo(404);

        // a message correctly signed and encrypted with this receiver's key, but for another corp
        WxBizMsgCrypt other = WxBizMsgCrypt.of(r.token(), r.encodingAesKey(), "wwanothercorp00000");
        String enc = other.encrypt("<xml><Event>unsubscribe</Event><FromUserName>zhouba</FromUserName></xml>");
        String q = "msg_signature=" + other.signature("1", "2", enc) + "&timestamp=1&nonce=2";
        assertThat(send(r.path(), q, "<xml><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>")
                        .status())
                .isEqualTo(400);

        // WeChat's plaintext mode signs no body: refused
        CallbackReceivers.Receiver w = receivers.all().stream()
                .filter(x -> x.kind() == CallbackReceivers.Kind.WECHAT_APP)
                .findFirst()
                .orElseThrow();
        String sig = WxBizMsgCrypt.sha1Sorted(w.token(), "1", "2");
        assertThat(send(w.path(), "signature=" + sig + "&timestamp=1&nonce=2", "<xml><Event>x</Event></xml>")
                        .status())
                .isEqualTo(400);

        assertThat(jdbc.sql("select count(*) from callback_event")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void whenTheUrlIsVerifiedWithAForgedEchostrThenItIsRefusedAndAGoodOneGetsItsBarePlaintext() {
        CallbackReceivers.Receiver r = receivers.byPath("wecom/contact-sync").orElseThrow();
        String echostr = r.crypt().encrypt("6723591284736512049");
        String now = Long.toString(clock.instant().getEpochSecond());
        String q = "msg_signature=" + r.crypt().signature(now, "1372611428", echostr)
                + "&timestamp=" + now + "&nonce=1372611428&echostr="
                + URLEncoder.encode(echostr, StandardCharsets.UTF_8);
        Http.Answer ok = gateway.http().get(gateway.base() + "/callbacks/" + r.path() + "?" + q);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("6723591284736512049");
        // a captured event's ciphertext replayed as an echostr: signed right, but not decrypted for the caller
        String event = r.crypt().encrypt("<xml><Event>unsubscribe</Event></xml>");
        Http.Answer oracle = gateway.http()
                .get(gateway.base() + "/callbacks/" + r.path() + "?msg_signature="
                        + r.crypt().signature(now, "5", event) + "&timestamp=" + now + "&nonce=5&echostr="
                        + URLEncoder.encode(event, StandardCharsets.UTF_8));
        assertThat(oracle.status()).isEqualTo(400);
        assertThat(oracle.body()).doesNotContain("unsubscribe");
        Http.Answer forged = gateway.http()
                .get(gateway.base() + "/callbacks/" + r.path() + "?" + q.replace("msg_signature=", "msg_signature=0"));
        assertThat(forged.status()).isEqualTo(400);
    }
}
