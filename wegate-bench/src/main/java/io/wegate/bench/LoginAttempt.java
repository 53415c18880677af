package io.wegate.bench;

/**
 * One login going through its steps (start, minting the code, the login itself). Each attempt is handled by one thread
 * at a time; the phases are separated by joins, which publish the fields to the next phase.
 */
final class LoginAttempt {

    /** The WeCom userid or the WeChat user key. */
    final String user;

    /** The gateway instance (index into {@code --gateway}) the start step goes to. */
    final int startInstance;

    /** The gateway instance the login step goes to: the start's, or the next one with {@code --cross-instance}. */
    final int loginInstance;

    /** The gateway's state, from the start step. */
    String state;

    /** The API flow's {@code state_verifier}, whose challenge the start step sent. */
    String stateVerifier;

    /** The callback the gateway asked the upstream to redirect to (browser flows). */
    String redirectUri;

    /** The scope of the upstream authorize URL, when it has one (browser flows). */
    String scope;

    /** {@code WEGATE_LOGIN_…=…}, the cookie binding a browser login to its browser. */
    String bindingCookie;

    String code;
    String phoneCode;
    long startNanos = -1;

    /** The login step's latency: its own duration (closed loop), or from the intended send (open loop, burst). */
    long loginNanos = -1;

    /** Open loop and burst: when the login was meant to be sent ({@link System#nanoTime()}). */
    long intendedNanos = -1;

    /** Open loop and burst: when its thread began to send it. */
    long sendNanos = -1;

    /** Open loop and burst: when the login step returned ({@link System#nanoTime()}). */
    long doneNanos = -1;

    /** When the login step returned, success or not ({@link System#currentTimeMillis()}); 0 before. */
    long doneEpochMillis;

    boolean succeeded;
    String failureKey;
    String failureSample;

    LoginAttempt(String user) {
        this(user, 0, 0);
    }

    LoginAttempt(String user, int startInstance, int loginInstance) {
        this.user = user;
        this.startInstance = startInstance;
        this.loginInstance = loginInstance;
    }

    boolean alive() {
        return failureKey == null;
    }

    void fail(String step, String status, String sample) {
        failureKey = step + " " + status;
        failureSample = sample;
    }
}
