package io.wegate.bench;

/**
 * One login going through its steps (start, minting the code, the login itself). Each attempt is handled by one thread
 * at a time; the phases are separated by joins, which publish the fields to the next phase.
 */
final class LoginAttempt {

    /** The WeCom userid or the WeChat user key. */
    final String user;

    /** The gateway's state, from the start step. */
    String state;

    /** The callback the gateway asked the upstream to redirect to (browser flows). */
    String redirectUri;

    /** The scope of the upstream authorize URL, when it has one (browser flows). */
    String scope;

    /** {@code WEGATE_LOGIN=...}, the cookie binding a browser login to its browser. */
    String bindingCookie;

    String code;
    String phoneCode;
    long startNanos = -1;
    long loginNanos = -1;
    boolean succeeded;
    String failureKey;
    String failureSample;

    LoginAttempt(String user) {
        this.user = user;
    }

    boolean alive() {
        return failureKey == null;
    }

    void fail(String step, String status, String sample) {
        failureKey = step + " " + status;
        failureSample = sample;
    }
}
