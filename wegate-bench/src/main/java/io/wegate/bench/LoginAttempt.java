package io.wegate.bench;

/**
 * One login going through the three steps. Each attempt is handled by one thread at a time; the phases are separated
 * by joins, which publish the fields to the next phase.
 */
final class LoginAttempt {

    final String userid;
    String state;
    String code;
    long authorizeUrlNanos = -1;
    long loginNanos = -1;
    boolean succeeded;
    String failureKey;
    String failureSample;

    LoginAttempt(String userid) {
        this.userid = userid;
    }

    boolean alive() {
        return failureKey == null;
    }

    void fail(String step, String status, String sample) {
        failureKey = step + " " + status;
        failureSample = sample;
    }
}
