package io.wegate.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The key-encryption key seals private JWKs with AES-256-GCM bound to their kid and algorithm. */
class KeyEncryptionTest {

    private static String newKek() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static final String JWK = "{\"kty\":\"EC\",\"d\":\"secret-part\",\"kid\":\"k1\"}";

    @Test
    void sealWhenOpenedWithTheSameKeyThenSameJwkAndNoClearTextStored() throws Exception {
        KeyEncryption kek = new KeyEncryption(newKek());
        String sealed = kek.seal("k1", "ES256", JWK);
        assertThat(sealed).startsWith("wegate-kek-v1:").doesNotContain("secret-part", "\"d\"", "kty");
        assertThat(kek.open("k1", "ES256", sealed)).isEqualTo(JWK);
        // a random nonce each time
        assertThat(kek.seal("k1", "ES256", JWK)).isNotEqualTo(sealed);
    }

    @Test
    void openWhenAnotherKekThenWrongKeyWithAClearMessage() {
        String sealed = new KeyEncryption(newKek()).seal("k1", "ES256", JWK);
        assertThatThrownBy(() -> new KeyEncryption(newKek()).open("k1", "ES256", sealed))
                .isInstanceOf(KeyEncryption.WrongKeyException.class)
                .hasMessageContaining("k1")
                .hasMessageContaining("another key-encryption key")
                .hasMessageNotContaining("secret-part");
    }

    @Test
    void openWhenMovedToAnotherKidOrAlgorithmOrTamperedThenRefused() {
        KeyEncryption kek = new KeyEncryption(newKek());
        String sealed = kek.seal("k1", "ES256", JWK);
        assertThatThrownBy(() -> kek.open("k2", "ES256", sealed)).isInstanceOf(KeyEncryption.WrongKeyException.class);
        assertThatThrownBy(() -> kek.open("k1", "RS256", sealed)).isInstanceOf(KeyEncryption.WrongKeyException.class);
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> kek.open("k1", "ES256", tampered)).isInstanceOf(KeyEncryption.WrongKeyException.class);
        assertThatThrownBy(() -> kek.open("k1", "ES256", "wegate-kek-v9:abc"))
                .isInstanceOf(KeyEncryption.WrongKeyException.class)
                .hasMessageContaining("unknown scheme");
    }

    @Test
    void kekWhenNotThirtyTwoBytesOrNotBase64ThenClearErrorWithoutTheValue() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new KeyEncryption(shortKey))
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("16 bytes")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new KeyEncryption("not base64 at all!"))
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 at all!");
        // URL-safe base64 is taken as well
        byte[] k = new byte[32];
        k[0] = (byte) 0xfb;
        k[1] = (byte) 0xff;
        assertThat(new KeyEncryption(Base64.getUrlEncoder().encodeToString(k))).isNotNull();
    }
}
