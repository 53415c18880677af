package io.wegate.client.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.client.wechat.WeChatMiniProgramCrypto.DecryptionException;
import io.wegate.client.wechat.WeChatMiniProgramCrypto.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class WeChatMiniProgramCryptoTest {

    static final String APPID = "wx4f4bc4dec97d474b";
    static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] IV = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    static final String SESSION_KEY = Base64.getEncoder().encodeToString(KEY);
    static final String IV64 = Base64.getEncoder().encodeToString(IV);

    static String encrypt(String json) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
        return Base64.getEncoder().encodeToString(c.doFinal(json.getBytes(StandardCharsets.UTF_8)));
    }

    static final String PHONE = "{\"phoneNumber\":\"13800138000\",\"purePhoneNumber\":\"13800138000\","
            + "\"countryCode\":\"86\",\"watermark\":{\"appid\":\"" + APPID + "\",\"timestamp\":1637744274}}";

    @Test
    void decryptWhenDataIsForThisAppThenPhoneReadable() throws Exception {
        JsonNode n = WeChatMiniProgramCrypto.decrypt(SESSION_KEY, encrypt(PHONE), IV64, APPID);
        WeChatPhoneNumber phone = WeChatMiniProgramCrypto.phone(n);
        assertThat(phone).isEqualTo(new WeChatPhoneNumber("13800138000", "13800138000", "86", APPID));
    }

    @Test
    void phoneWhenCountryCodeIsANumberThenReadAsText() throws Exception {
        JsonNode n = WeChatMiniProgramCrypto.decrypt(SESSION_KEY, encrypt(PHONE.replace("\"86\"", "86")), IV64, APPID);
        assertThat(WeChatMiniProgramCrypto.phone(n).countryCode()).isEqualTo("86");
    }

    static Stream<Arguments> refusals() throws Exception {
        String good = encrypt(PHONE);
        return Stream.of(
                        Arguments.of(
                                "wrong watermark appid",
                                (UnaryOperator<String[]>) a -> new String[] {a[0], a[1], a[2], "wxother"},
                                Reason.WRONG_WATERMARK),
                        Arguments.of(
                                "tampered iv",
                                (UnaryOperator<String[]>) a -> new String[] {a[0], a[1], flipFirstByte(a[2]), a[3]},
                                Reason.TAMPERED),
                        Arguments.of(
                                "wrong session key",
                                (UnaryOperator<String[]>) a -> new String[] {flipFirstByte(a[0]), a[1], a[2], a[3]},
                                Reason.TAMPERED),
                        Arguments.of(
                                "truncated data",
                                (UnaryOperator<String[]>) a -> new String[] {a[0], a[1].substring(0, 20), a[2], a[3]},
                                Reason.MALFORMED_INPUT),
                        Arguments.of(
                                "not base64",
                                (UnaryOperator<String[]>) a -> new String[] {a[0], "%%%", a[2], a[3]},
                                Reason.MALFORMED_INPUT),
                        Arguments.of(
                                "iv of wrong length",
                                (UnaryOperator<String[]>) a -> new String[] {a[0], a[1], "AAAA", a[3]},
                                Reason.MALFORMED_INPUT),
                        Arguments.of(
                                "missing data",
                                (UnaryOperator<String[]>) a -> new String[] {a[0], null, a[2], a[3]},
                                Reason.MALFORMED_INPUT))
                .map(args -> Arguments.of(args.get()[0], args.get()[1], args.get()[2], good));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void decryptWhenInputIsAlteredThenRefusedWithReason(
            String name, UnaryOperator<String[]> alter, Reason reason, String good) {
        String[] in = alter.apply(new String[] {SESSION_KEY, good, IV64, APPID});
        assertThatThrownBy(() -> WeChatMiniProgramCrypto.decrypt(in[0], in[1], in[2], in[3]))
                .isInstanceOfSatisfying(DecryptionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain(SESSION_KEY).doesNotContain("13800138000");
                });
    }

    private static String flipFirstByte(String base64) {
        byte[] b = Base64.getDecoder().decode(base64);
        b[0] ^= 0x01;
        return Base64.getEncoder().encodeToString(b);
    }
}
