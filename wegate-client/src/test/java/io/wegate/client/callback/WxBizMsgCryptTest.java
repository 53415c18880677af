package io.wegate.client.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.client.callback.CallbackException.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheme against the published vectors: the test vector of {@code shared/api/FACTS-callbacks.md} A11.8 (computed
 * twice, by an independent Python implementation and by WxJava), WxJava's own {@code WxCryptUtilTest} vector and the
 * WeChat mini-program doc's example; then every way a callback can be wrong.
 */
class WxBizMsgCryptTest {

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
    static final String ENCRYPT =
            "7vynee8umvm53MaAB8ww8eaVboE/buknk82/+DiTyYhHYfqJYJNCZsKgWV/+AjG0xTtd4+9b4Iuc53MVnhXp1U"
                    + "iXZp/o7z+F27AaTzxFDoR77nAmFNgOlypfjn0D73GLu6Bi6vPQ0sFBKKP/wkq9MvTczqAGqANbeHVuIido7CaZM3ZXdOjRyJgWT/4xn68WCbP"
                    + "st0/HvZcX3xG0mBjnuMR6vTBaMMhUy6wsr+Iuk+TMJAvHPzxxh7AAQ6KUKtEY7d1lW8iYjEsxLbBj4wTF1Utu6Gj77XM2uyktLmTD9ytvQ3Px"
                    + "TyTlCsapoj3IxtZjhDJ3HVtCZQ2F+ssU7g/wimjOBWyIwv/ymDlOAaJ5r/79I8O+TXuz1g2yQK08jtNoHBAR7tZg1+CeXzDOSmRUp+Y7Pj04T"
                    + "CKoxVZR/1FfYCgarClF5Xiqi4U3G4sWtPSzGp4bWKqWSO1XBZhGpDHqEtdw1CgYyGk1/sRxYPEfYU8HkiAekYmwZyHBIOLU3ElpQqI9plka4J+"
                    + "Qyw33EXhZuTDq+6VunRLOtnT9p3UQsHR3lqOk2nWvdo+o9K8D5EekT/bF6fgDWED6GCXs7Ydf1xWhUN8CckfEE3GC8/V3+UEszXdIEe0Oe+hS"
                    + "PRvy5RsFkajgoJYsFB7UhobttJCgvQ9bGumitaCfFiv6IiksmDRmVuMCODp+usNodJCMtlVelCSyin0LIDpiIlx/IAyWqomHRNTBdHfbXbPqD"
                    + "7T8VS6RH2SoptjWKnY7FtdnTIW0";
    static final String SIGNATURE = "32afea5d3102b68c4c08239969e0e3fee0a1f5f4";

    private final WxBizMsgCrypt crypt = WxBizMsgCrypt.of(TOKEN, KEY, CORP);

    @Test
    void whenTheVectorKeyIsDecodedThenItIsTheVectorsAesKey() {
        assertThat(HexFormat.of().formatHex(WxBizMsgCrypt.aesKey(KEY)))
                .isEqualTo("4a29ae95ab68ad37acb5579cb68aca7b2d35db7e39ebbf3d69b71d79f8218a39");
    }

    @Test
    void whenTheVectorIsEncryptedWithItsRandomThenCiphertextAndSignatureAreTheVectorsByteForByte() {
        String encrypt = crypt.encrypt("5f3e2a1b0c9d8e7f", PLAIN);
        assertThat(encrypt).isEqualTo(ENCRYPT).hasSize(768);
        assertThat(crypt.signature("1735689600", "1372611427", encrypt)).isEqualTo(SIGNATURE);
    }

    @Test
    void whenTheVectorsPostIsDecryptedThenThePlaintextComesBackWithItsUtf8Name() {
        String msg = crypt.decrypt(SIGNATURE, "1735689600", "1372611427", ENCRYPT);
        assertThat(msg).isEqualTo(PLAIN);
        Map<String, String> event = CallbackXml.parse(msg);
        assertThat(event)
                .containsEntry("ChangeType", "update_user")
                .containsEntry("UserID", "zhangsan")
                .containsEntry("Name", "张三")
                .containsEntry("Status", "2")
                .containsEntry("MainDepartment", "1");
    }

    @Test
    void whenTheUrlVerificationVectorArrivesPercentEncodedThenTheAnswerIsTheBareNineteenDigits() {
        String query = "msg_signature=437dcc00c455cf44115f9153210856f943c00635&timestamp=1735689601&nonce=1372611428"
                + "&echostr=ohcTX%2FgllJUTYDAZuljJNvKANBzLo76L2Ws7lcwOCKwlmHwBYtz%2BkUTXRjYSDDdFSV4%2FFSJi6hAf4Tb9E8LUHg%3D%3D";
        Map<String, String> p = new java.util.HashMap<>();
        for (String kv : query.split("&")) {
            String[] s = kv.split("=", 2);
            p.put(s[0], URLDecoder.decode(s[1], StandardCharsets.UTF_8));
        }
        String answer = crypt.verifyUrl(p.get("msg_signature"), p.get("timestamp"), p.get("nonce"), p.get("echostr"));
        assertThat(answer).isEqualTo("6723591284736512049");
    }

    @Test
    void whenEchostrHasItsPlusTurnedIntoASpaceThenTheSignatureFails() {
        String echostr = "ohcTX/gllJUTYDAZuljJNvKANBzLo76L2Ws7lcwOCKwlmHwBYtz kUTXRjYSDDdFSV4/FSJi6hAf4Tb9E8LUHg==";
        assertThatThrownBy(() -> crypt.verifyUrl(
                        "437dcc00c455cf44115f9153210856f943c00635", "1735689601", "1372611428", echostr))
                .isInstanceOfSatisfying(
                        CallbackException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE));
    }

    @Test
    void whenWxJavasOwnVectorIsEncryptedThenItIsWxJavasCiphertext() {
        // WxCryptUtilTest.testAesEncrypt
        WxBizMsgCrypt wx =
                WxBizMsgCrypt.of("pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");
        assertThat(wx.encrypt("aaaabbbbccccdddd", "我是中文abcd123"))
                .isEqualTo("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
    }

    @Test
    void whenTheWeChatDocsReplyIsEncryptedThenItsCiphertextAndSignatureAreTheDocs() {
        WxBizMsgCrypt wx = WxBizMsgCrypt.of("AAAAA", "A".repeat(43), "wxba5fad812f8e6fb9");
        String encrypt = wx.encrypt("707722b803182950", "{\"demo_resp\":\"good luck\"}");
        assertThat(encrypt)
                .isEqualTo("ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==");
        assertThat(wx.signature("1713424427", "415670741", encrypt))
                .isEqualTo("1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1");
    }

    @Test
    void whenTheWeChatDocsPlainSignaturesAreCheckedThenTheyMatchAndAnyChangeDoesNot() {
        WxBizMsgCrypt wx = WxBizMsgCrypt.of("AAAAA", "A".repeat(43), "wxba5fad812f8e6fb9");
        assertThat(wx.weChatSignatureMatches("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", "1514711492"))
                .isTrue();
        assertThat(wx.weChatSignatureMatches("899cf89e464efb63f54ddac96b0a0a235f53aa78", "1714037059", "486452656"))
                .isTrue();
        assertThat(wx.weChatSignatureMatches("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036505", "1514711492"))
                .isFalse();
        assertThat(wx.weChatSignatureMatches(null, "1714036504", "1514711492")).isFalse();
    }

    @Test
    void whenTheKeysLastCharacterDiffersOnlyInItsUnusedBitsThenItIsTheSameKeyAndStrictDecodersNeedNotApply() {
        byte[] k = WxBizMsgCrypt.aesKey(KEY);
        for (char c : new char[] {'l', 'm', 'n'}) {
            assertThat(WxBizMsgCrypt.aesKey(KEY.substring(0, 42) + c)).isEqualTo(k);
        }
        assertThat(WxBizMsgCrypt.aesKey(KEY.substring(0, 42) + 'j')).isNotEqualTo(k);
        // the doc's own non-canonical example key, which commons-codec 1.13 refuses
        assertThat(WxBizMsgCrypt.aesKey("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"))
                .hasSize(32);
    }

    @Test
    void whenTheMessageWasEncryptedForAnotherCorpThenItIsRefusedThoughItsSignatureIsRight() {
        WxBizMsgCrypt other = WxBizMsgCrypt.of(TOKEN, KEY, "wwanothercorp00000");
        assertThatThrownBy(() -> other.decrypt(SIGNATURE, "1735689600", "1372611427", ENCRYPT))
                .isInstanceOfSatisfying(
                        CallbackException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RECEIVE_ID));
    }

    @Test
    void whenAnyPartOfTheSignedValuesChangesThenTheSignatureFailsBeforeDecryption() {
        assertThat(reason(() -> crypt.decrypt(SIGNATURE, "1735689601", "1372611427", ENCRYPT)))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(reason(() -> crypt.decrypt(SIGNATURE, "1735689600", "1372611428", ENCRYPT)))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(reason(() -> crypt.decrypt(SIGNATURE.toUpperCase(), "1735689600", "1372611427", ENCRYPT)))
                .isEqualTo(Reason.SIGNATURE);
        assertThat(reason(() -> crypt.decrypt(null, "1735689600", "1372611427", ENCRYPT)))
                .isEqualTo(Reason.SIGNATURE);
        String flipped = (ENCRYPT.charAt(0) == 'A' ? "B" : "A") + ENCRYPT.substring(1);
        assertThat(reason(() -> crypt.decrypt(SIGNATURE, "1735689600", "1372611427", flipped)))
                .isEqualTo(Reason.SIGNATURE);
        WxBizMsgCrypt otherToken = WxBizMsgCrypt.of("otherToken", KEY, CORP);
        assertThat(reason(() -> otherToken.decrypt(SIGNATURE, "1735689600", "1372611427", ENCRYPT)))
                .isEqualTo(Reason.SIGNATURE);
    }

    @Test
    void whenACorrectlySignedCiphertextIsNotAValidBufferThenItIsRefusedWithTheReason() {
        String notBase64 = "%%%%";
        assertThat(reason(() -> crypt.decrypt(crypt.signature("1", "2", notBase64), "1", "2", notBase64)))
                .isEqualTo(Reason.BASE64);
        String shortBlock = Base64.getEncoder().encodeToString(new byte[15]);
        assertThat(reason(() -> crypt.decrypt(crypt.signature("1", "2", shortBlock), "1", "2", shortBlock)))
                .isEqualTo(Reason.DECRYPT);
        // another key: decrypts to noise, whose padding, length or receive id is wrong
        String foreign = WxBizMsgCrypt.of(TOKEN, "B".repeat(43), CORP).encrypt("x");
        assertThat(reason(() -> crypt.decrypt(crypt.signature("1", "2", foreign), "1", "2", foreign)))
                .isIn(Reason.BUFFER, Reason.RECEIVE_ID);
    }

    @Test
    void whenAMessageRoundTripsThenItComesBackAndTwoEncryptionsDiffer() {
        String a = crypt.encrypt("<xml><Event>unsubscribe</Event></xml>");
        String b = crypt.encrypt("<xml><Event>unsubscribe</Event></xml>");
        assertThat(a).isNotEqualTo(b);
        assertThat(crypt.decrypt(crypt.signature("9", "8", a), "9", "8", a))
                .isEqualTo("<xml><Event>unsubscribe</Event></xml>");
        // a message whose length is an exact multiple of 32 gets a whole block of padding
        WxBizMsgCrypt empty = WxBizMsgCrypt.of(TOKEN, KEY, "");
        String m = "x".repeat(12); // 16 + 4 + 12 = 32
        String e = empty.encrypt(m);
        assertThat(Base64.getDecoder().decode(e)).hasSize(64);
        assertThat(empty.decrypt(empty.signature("1", "1", e), "1", "1", e)).isEqualTo(m);
    }

    @Test
    void whenTokenOrKeyHasTheWrongFormThenConstructionSaysWhich() {
        assertThatThrownBy(() -> WxBizMsgCrypt.of("", KEY, CORP)).hasMessageContaining("token");
        assertThatThrownBy(() -> WxBizMsgCrypt.of("a".repeat(33), KEY, CORP)).hasMessageContaining("token");
        assertThatThrownBy(() -> WxBizMsgCrypt.of(TOKEN, KEY.substring(1), CORP))
                .hasMessageContaining("43");
        assertThatThrownBy(() -> WxBizMsgCrypt.of(TOKEN, KEY.substring(1) + "+", CORP))
                .hasMessageContaining("43");
    }

    private static Reason reason(Runnable r) {
        try {
            r.run();
        } catch (CallbackException e) {
            return e.reason();
        }
        throw new AssertionError("no CallbackException");
    }
}
