package io.wegate.sandbox.callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sending side of WXBizMsgCrypt (doc 90968), as the platform does it: the console's EncodingAESKey taken as it
 * was pasted (lenient Base64), AES-256-CBC with the key's first 16 bytes as IV, PKCS#7 padding to 32 bytes, a 16
 * lowercase-hex random prefix (what real pushes carry), the receive id at the end, and the four-value SHA-1
 * signature. Written apart from the client library's implementation on purpose: the sandbox plays the platform, and
 * the test vector of FACTS-callbacks.md A11.8 checks both.
 */
public final class MsgCrypt {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] key;

    public MsgCrypt(String token, String encodingAesKey) {
        if (token == null || !token.matches("[A-Za-z0-9]{1,32}")) {
            throw new IllegalArgumentException("Token must be 1 to 32 letters or digits");
        }
        if (encodingAesKey == null || !encodingAesKey.matches("[A-Za-z0-9]{43}")) {
            throw new IllegalArgumentException("EncodingAESKey must be 43 letters or digits");
        }
        this.token = token;
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** {@code msg} encrypted for {@code receiveId} with a fresh random prefix. */
    public String encrypt(String msg, String receiveId) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return encrypt(HexFormat.of().formatHex(r), msg, receiveId);
    }

    public String encrypt(String random16, String msg, String receiveId) {
        byte[] random = random16.getBytes(StandardCharsets.US_ASCII);
        byte[] body = msg.getBytes(StandardCharsets.UTF_8);
        byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
        int n = random.length + 4 + body.length + id.length;
        int pad = 32 - n % 32;
        byte[] padding = new byte[pad];
        Arrays.fill(padding, (byte) pad);
        byte[] plain = ByteBuffer.allocate(n + pad)
                .put(random)
                .putInt(body.length)
                .put(body)
                .put(id)
                .put(padding)
                .array();
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha1(sort(token, parts...))} in lowercase hex. */
    public String sign(String... parts) {
        String[] all = Arrays.copyOf(parts, parts.length + 1);
        all[parts.length] = token;
        Arrays.sort(all);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String p : all) {
                sha1.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
