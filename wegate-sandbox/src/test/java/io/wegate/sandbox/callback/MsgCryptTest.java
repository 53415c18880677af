package io.wegate.sandbox.callback;

import static org.assertj.core.api.Assertions.assertThat;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's sending side against the test vector of FACTS-callbacks.md A11.8 (computed by an independent Python
 * implementation and by WxJava), and against WxJava's receiving side, unmodified.
 */
class MsgCryptTest {

    static final String CORP = "ww3f2c8a1b9d7e6f50";
    static final String TOKEN = "Tk7sim2025wecom";
    static final String KEY = "SimulatorTestVectorKey0123456789abcdefghijk";
    static final String PLAIN =
            "<xml><ToUserName><![CDATA[ww3f2c8a1b9d7e6f50]]></ToUserName><FromUserName><![CDATA[sys]]>"
                    + "</FromUserName><CreateTime>1735689600</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
                    + "change_contact]]></Event><ChangeType><![CDATA[update_user]]></ChangeType><UserID><![CDATA[zhangsan]]>"
                    + "</UserID><Name><![CDATA[张三]]></Name><Department><![CDATA[1,2]]></Department><MainDepartment>1"
                    + "</MainDepartment><IsLeaderInDept><![CDATA[1,0]]></IsLeaderInDept><Status>2</Status><Alias><![CDATA[zs]]>"
                    + "</Alias></xml>";

    @Test
    void whenTheVectorIsEncryptedThenItsStartAndEndAndSignatureAreTheVectors() {
        MsgCrypt crypt = new MsgCrypt(TOKEN, KEY);
        String encrypt = crypt.encrypt("5f3e2a1b0c9d8e7f", PLAIN, CORP);
        assertThat(encrypt)
                .hasSize(768)
                .startsWith("7vynee8umvm53MaAB8ww8eaVboE/")
                .endsWith("FtdnTIW0");
        assertThat(crypt.sign("1735689600", "1372611427", encrypt))
                .isEqualTo("32afea5d3102b68c4c08239969e0e3fee0a1f5f4");
    }

    @Test
    void whenWxJavaReceivesASandboxEventThenItVerifiesAndDecryptsIt() {
        MsgCrypt crypt = new MsgCrypt(TOKEN, KEY);
        String encrypt = crypt.encrypt(PLAIN, CORP);
        String signature = crypt.sign("1735689600", "42", encrypt);
        String envelope = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                + "]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>";
        assertThat(new WxCryptUtil(TOKEN, KEY, CORP).decryptXml(signature, "1735689600", "42", envelope))
                .isEqualTo(PLAIN);
    }
}
