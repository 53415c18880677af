package io.wegate.client.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.client.callback.CallbackException.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackXmlTest {

    @Test
    void whenElementsComeInAnyOrderWithOrWithoutCdataThenTheyReadAlike() {
        Map<String, String> a = CallbackXml.parse(
                "<xml><ToUserName><![CDATA[wwb096af219dea3f1c]]></ToUserName>"
                        + "<FromUserName><![CDATA[BiDandan]]></FromUserName><CreateTime>1631359354</CreateTime>"
                        + "<MsgType><![CDATA[event]]></MsgType><AgentID>1000002</AgentID><Event><![CDATA[subscribe]]></Event></xml>");
        assertThat(a)
                .containsEntry("FromUserName", "BiDandan")
                .containsEntry("AgentID", "1000002")
                .containsEntry("Event", "subscribe");
        Map<String, String> b = CallbackXml.parse(
                "<xml>\n  <Event>subscribe</Event>\n  <AgentID><![CDATA[1000002]]></AgentID>\n</xml>");
        assertThat(b).containsEntry("Event", "subscribe").containsEntry("AgentID", "1000002");
    }

    @Test
    void whenAnElementHasChildrenThenTheyAreReadAsParentDotChild() {
        Map<String, String> m = CallbackXml.parse("<xml><Event>batch_job_result</Event><BatchJob><JobId>j1</JobId>"
                + "<JobType>sync_user</JobType></BatchJob></xml>");
        assertThat(m).containsEntry("BatchJob.JobId", "j1").containsEntry("BatchJob.JobType", "sync_user");
    }

    @Test
    void whenTheBodyHoldsADoctypeOrAnExternalEntityThenItIsRefusedAndNothingIsFetched() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Encrypt>&x;</Encrypt></xml>";
        assertThatThrownBy(() -> CallbackXml.parse(xxe))
                .isInstanceOfSatisfying(
                        CallbackException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ENVELOPE))
                .hasMessageNotContaining("root:");
        String bomb =
                "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><E>&b;</E></xml>";
        assertThatThrownBy(() -> CallbackXml.parse(bomb)).isInstanceOf(CallbackException.class);
    }

    @Test
    void whenTheBodyIsNotXmlThenItIsRefusedAsABadEnvelope() {
        for (String bad : new String[] {"", "  ", "<xml>", "success", "<xml><a></b></xml>"}) {
            assertThatThrownBy(() -> CallbackXml.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            CallbackException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ENVELOPE));
        }
    }

    @Test
    void whenTheEnvelopeIsWeChatsJsonThenItsMembersReadAsTheXmlOnesWould() {
        assertThat(CallbackXml.parseEnvelope("{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"abc+/=\"}"))
                .containsEntry("ToUserName", "gh_97417a04a28d")
                .containsEntry("Encrypt", "abc+/=");
        assertThat(CallbackXml.parseEnvelope("<xml><ToUserName>gh_1</ToUserName><Encrypt>e</Encrypt></xml>"))
                .containsEntry("Encrypt", "e");
        assertThatThrownBy(() -> CallbackXml.parseEnvelope("{\"Encrypt\":")).isInstanceOf(CallbackException.class);
        assertThatThrownBy(() -> CallbackXml.parseEnvelope("[1]")).isInstanceOf(CallbackException.class);
    }
}
