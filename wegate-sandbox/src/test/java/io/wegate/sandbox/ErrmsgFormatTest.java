package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ErrmsgFormatTest {

    private static final String HINTED =
            "^[^,]+(, [^,]+)*, hint: \\[\\d{10}_\\d{1,2}_[0-9a-f]{32}], from ip: [0-9a-f.:]+, more info at "
                    + "https://open\\.work\\.weixin\\.qq\\.com/devtool/query\\?e=-?\\d+$";

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    @Test
    void errmsgWhenCallFailsThenCarriesHintCallerIpAndDevtoolLink() {
        JsonNode body = wecom.getJson("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=wrong");
        String errmsg = body.get("errmsg").asString();

        assertThat(errmsg).matches(HINTED);
        assertThat(errmsg).contains("hint: [" + TestSandbox.START.getEpochSecond() + "_");
        assertThat(errmsg).contains("from ip: 127.0.0.1").endsWith("?e=40001");
    }

    @Test
    void responseThenJsonContentTypeWithUtf8() {
        var response = wecom.send("GET", "/cgi-bin/gettoken", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(TestSandbox.json(response).get("errmsg").asString()).matches(HINTED);
    }
}
