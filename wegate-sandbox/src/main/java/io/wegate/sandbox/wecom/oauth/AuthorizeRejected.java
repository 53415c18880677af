package io.wegate.sandbox.wecom.oauth;

/** Why the authorize page refuses a request, in the client's Chinese wording plus an English explanation. */
public final class AuthorizeRejected extends RuntimeException {

    private final String chinese;
    private final String english;

    public AuthorizeRejected(String chinese, String english) {
        super(chinese + " / " + english, null, false, false);
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
