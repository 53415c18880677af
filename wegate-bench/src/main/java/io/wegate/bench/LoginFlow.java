package io.wegate.bench;

import java.util.List;

/**
 * One login flow as the load driver runs it: an optional start step on the gateway (timed, not the login), minting the
 * code(s) in the sandbox (the person, not timed), and the login step that exchanges the code on the gateway (timed:
 * the login latency). Each step records its outcome on the {@link LoginAttempt}; none throws.
 */
interface LoginFlow {

    /** The flow's name on the command line, e.g. {@code wecom-qr}. */
    String name();

    /** What the start step calls, e.g. {@code GET /login/wecom-qr}, or {@code null} when the flow has none. */
    String startStep();

    /** What the login step calls, e.g. {@code GET /login/wecom-qr/callback}. */
    String loginStep();

    /** The upstream app the codes are for, e.g. {@code agentid 1000002} or {@code appid wx...}. */
    String app();

    /** Who logs in, round robin: WeCom userids or WeChat user keys. */
    List<String> users();

    /**
     * Whether the flow calls WeChat's {@code jscode2session}, which the sandbox (like WeChat) allows 100 times per user
     * and minute.
     */
    default boolean minuteQuota() {
        return false;
    }

    /**
     * The upstream path the gateway fetches the app access token of {@link #app()} from, e.g. {@code
     * /cgi-bin/gettoken}, or {@code null} when the flow's logins need no app token. Flows with one are the ones
     * {@code --token-lifetimes} applies to.
     */
    default String appTokenPath() {
        return null;
    }

    /** The start step; only called when {@link #startStep()} is not {@code null}. */
    default void start(LoginAttempt attempt) {}

    void mint(LoginAttempt attempt);

    void login(LoginAttempt attempt);
}
