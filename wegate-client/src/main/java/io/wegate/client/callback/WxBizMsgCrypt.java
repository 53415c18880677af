package io.wegate.client.callback;

import io.wegate.client.callback.CallbackException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WXBizMsgCrypt scheme of WeCom and WeChat callbacks (WeCom doc 90968, WeChat 消息加解密说明): AES-256-CBC with
 * the key {@code Base64(EncodingAESKey + "=")} and its first 16 bytes as IV, PKCS#7 padding to a multiple of
 * <b>32</b> bytes, the plaintext {@code random(16) + msg_len(4, big-endian) + msg + receiveid}, and the signature
 * {@code sha1(sort(token, timestamp, nonce, ciphertext))} in lowercase hex.
 *
 * <p>What it does that the common SDKs do not: the receive id (corpid, suite id or appid) is checked on every
 * decryption (WxJava skips it), signatures are compared in constant time, the key is decoded leniently (a console key
 * is rarely canonical Base64; commons-codec 1.13 rejects many), and a buffer whose padding, length or UTF-8 is wrong
 * is refused rather than cut at a guess. The signature is checked before anything is decrypted.
 *
 * <p>Written here rather than taken from a library: the one library that implements it in Java (WxJava's
 * {@code WxCryptUtil}) does not check the receive id, pulls in commons-codec and its strict decoder, and is not a
 * plain dependency a client library should carry. Thread-safe.
 */
public final class WxBizMsgCrypt {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{43}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final String receiveId;

    private WxBizMsgCrypt(String token, byte[] aesKey, String receiveId) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(aesKey, "AES");
        this.iv = new IvParameterSpec(aesKey, 0, 16);
        this.receiveId = receiveId;
    }

    /**
     * @param token the callback Token of the console (letters and digits, at most 32)
     * @param encodingAesKey the EncodingAESKey of the console (43 letters and digits, taken as shown)
     * @param receiveId the corpid (WeCom apps and the contact-sync assistant), the suite id (third-party suites) or
     *     the appid (WeChat); the empty string only where the platform sends none (robots, individual suites)
     * @throws IllegalArgumentException when the token or the key has the wrong form (the message names which)
     */
    public static WxBizMsgCrypt of(String token, String encodingAesKey, String receiveId) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("the callback token must be 1 to 32 letters or digits");
        }
        return new WxBizMsgCrypt(token, aesKey(encodingAesKey), Objects.requireNonNull(receiveId, "receiveId"));
    }

    /**
     * The 32-byte AES key of {@code encodingAesKey}. Lenient as the official samples are: the two low bits of the
     * 43rd character are not part of the key, so four console keys that differ only there are one key.
     */
    static byte[] aesKey(String encodingAesKey) {
        if (encodingAesKey == null || !KEY.matcher(encodingAesKey).matches()) {
            throw new IllegalArgumentException(
                    "the EncodingAESKey must be 43 letters and digits, exactly as the console shows it");
        }
        // java.util.Base64 ignores the unused low bits of the last character, as Python's b64decode and Go do
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** The receive id this instance accepts and writes. */
    public String receiveId() {
        return receiveId;
    }

    /**
     * WeCom's URL verification (the GET with {@code echostr}): checks the signature over the percent-decoded
     * {@code echostr}, decrypts it and returns the plaintext, which is the whole answer body.
     */
    public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) {
        return decrypt(msgSignature, timestamp, nonce, echostr);
    }

    /**
     * Checks {@code msgSignature} over {@code encrypt} (the {@code Encrypt} element, or {@code echostr}), then
     * decrypts it and checks its receive id.
     *
     * @return the message: the event's XML (or JSON), as UTF-8 text
     * @throws CallbackException when any check fails; nothing is decrypted before the signature is checked
     */
    public String decrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
        if (msgSignature == null || timestamp == null || nonce == null || encrypt == null) {
            throw new CallbackException(
                    Reason.SIGNATURE, "msg_signature, timestamp, nonce and the ciphertext are all required");
        }
        if (!signatureMatches(msgSignature, signature(timestamp, nonce, encrypt))) {
            throw new CallbackException(Reason.SIGNATURE, "the callback's signature does not match");
        }
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypt);
        } catch (IllegalArgumentException e) {
            throw new CallbackException(Reason.BASE64, "the ciphertext is not Base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new CallbackException(Reason.DECRYPT, "the ciphertext is not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, iv);
            plain = c.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new CallbackException(Reason.DECRYPT, "the ciphertext does not decrypt");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new CallbackException(Reason.BUFFER, "the decrypted message has a bad padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new CallbackException(Reason.BUFFER, "the decrypted message has a bad padding");
            }
        }
        int content = plain.length - pad;
        if (content < 20) {
            throw new CallbackException(Reason.BUFFER, "the decrypted message is too short");
        }
        int msgLen = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (msgLen < 0 || msgLen > content - 20) {
            throw new CallbackException(Reason.BUFFER, "the decrypted message's length is wrong");
        }
        String msg = utf8(plain, 20, msgLen);
        String id = utf8(plain, 20 + msgLen, content - 20 - msgLen);
        if (!MessageDigest.isEqual(id.getBytes(StandardCharsets.UTF_8), receiveId.getBytes(StandardCharsets.UTF_8))) {
            throw new CallbackException(Reason.RECEIVE_ID, "the message was encrypted for another corp or app");
        }
        return msg;
    }

    /** Encrypts {@code msg} for this receive id with a fresh random prefix (16 lowercase hex characters, as the platforms write). */
    public String encrypt(String msg) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return encrypt(HexFormat.of().formatHex(r), msg);
    }

    /** Encrypts {@code msg} with the given 16-character random prefix (for test vectors). */
    public String encrypt(String random16, String msg) {
        byte[] random = random16.getBytes(StandardCharsets.UTF_8);
        if (random.length != 16) {
            throw new IllegalArgumentException("the random prefix is 16 bytes");
        }
        byte[] body = msg.getBytes(StandardCharsets.UTF_8);
        byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
        int length = 16 + 4 + body.length + id.length;
        int pad = BLOCK - length % BLOCK;
        ByteBuffer b = ByteBuffer.allocate(length + pad);
        b.put(random).putInt(body.length).put(body).put(id);
        byte[] padding = new byte[pad];
        Arrays.fill(padding, (byte) pad);
        b.put(padding);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(c.doFinal(b.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    /** {@code sha1(sort(token, timestamp, nonce, encrypt))}: the {@code msg_signature} of a callback or a reply. */
    public String signature(String timestamp, String nonce, String encrypt) {
        return sha1Sorted(new String(token, StandardCharsets.UTF_8), timestamp, nonce, encrypt);
    }

    /**
     * WeChat's plaintext-mode and URL-verification signature: {@code sha1(sort(token, timestamp, nonce))} (three
     * values; the echostr of a WeChat GET is not encrypted and is answered as it came).
     */
    public boolean weChatSignatureMatches(String signature, String timestamp, String nonce) {
        if (signature == null || timestamp == null || nonce == null) {
            return false;
        }
        return signatureMatches(signature, sha1Sorted(new String(token, StandardCharsets.UTF_8), timestamp, nonce));
    }

    /** {@code sha1} of the parts sorted by character code and joined, in lowercase hex (the platforms' rule). */
    public static String sha1Sorted(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String p : sorted) {
                sha1.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static boolean signatureMatches(String given, String expected) {
        // constant time; the platforms write lowercase hex, so the comparison is exact
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(byte[] b, int offset, int length) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CallbackException(Reason.BUFFER, "the decrypted message is not UTF-8");
        }
    }
}
