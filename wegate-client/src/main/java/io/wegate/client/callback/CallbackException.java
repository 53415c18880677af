package io.wegate.client.callback;

/**
 * A callback request that cannot be accepted: its signature, its encryption, its receive id or its body is wrong. The
 * message says what, never the values: a callback's ciphertext, signature and plaintext stay out of logs.
 */
public final class CallbackException extends RuntimeException {

    /** What was wrong, with the return code of the official WXBizMsgCrypt samples ({@code ierror.py}). */
    public enum Reason {
        /** The signature does not match (-40001). */
        SIGNATURE(-40001),
        /** The body is not the expected XML or JSON envelope (-40002). */
        ENVELOPE(-40002),
        /** The EncodingAESKey is not 43 letters and digits (-40004). */
        AES_KEY(-40004),
        /** The message was encrypted for another corp or app (-40005). */
        RECEIVE_ID(-40005),
        /** The ciphertext does not decrypt (-40007). */
        DECRYPT(-40007),
        /** The decrypted buffer has a bad padding, length or encoding (-40008). */
        BUFFER(-40008),
        /** The ciphertext is not Base64 (-40010). */
        BASE64(-40010);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        /** The official samples' return code. */
        public int code() {
            return code;
        }
    }

    private final Reason reason;

    public CallbackException(Reason reason, String message) {
        super(message + " (" + reason.code() + ")");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
