package io.wegate.sandbox.wechat.oauth;

/**
 * Why a WeChat authorize or QR page refuses a request: WeChat's error number where it has one (10003, 10016, ...; B1.1),
 * its Chinese wording, and an English explanation.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>
 */
public final class WeChatPageRejected extends RuntimeException {

    /** For refusals WeChat shows without a number. */
    public static final int NO_NUMBER = 0;

    private final int number;
    private final String chinese;
    private final String english;

    public WeChatPageRejected(int number, String chinese, String english) {
        super((number == NO_NUMBER ? "" : number + " ") + chinese + " / " + english, null, false, false);
        this.number = number;
        this.chinese = chinese;
        this.english = english;
    }

    public int number() {
        return number;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
