package io.wegate.bench;

import java.util.List;

/** The flows the driver knows, in the order {@code --flow all} runs them, and how each is built. */
final class LoginFlows {

    static final String WECOM_API = "wecom-api";
    static final String WECOM_WEB = "wecom-web";
    static final String WECOM_QR = "wecom-qr";
    static final String WECOM_MINIPROGRAM = "wecom-miniprogram";
    static final String WECHAT_MP = "wechat-mp";
    static final String WECHAT_OPEN = "wechat-open";
    static final String WECHAT_MINIPROGRAM = "wechat-miniprogram";
    static final String WECHAT_MINIPROGRAM_PHONE = "wechat-miniprogram-phone";

    static final List<String> NAMES = List.of(
            WECOM_API,
            WECOM_WEB,
            WECOM_QR,
            WECOM_MINIPROGRAM,
            WECHAT_MP,
            WECHAT_OPEN,
            WECHAT_MINIPROGRAM,
            WECHAT_MINIPROGRAM_PHONE);

    /** Where a WeCom app's access token comes from. */
    static final String WECOM_TOKEN_PATH = "/cgi-bin/gettoken";

    /** Where the gateway gets a WeChat mini program's app access token. */
    static final String WECHAT_STABLE_TOKEN_PATH = "/cgi-bin/stable_token";

    /** The lifetime of both upstream app tokens ({@code expires_in} 7200). */
    static final int APP_TOKEN_LIFETIME_SECONDS = 7200;

    private LoginFlows() {}

    /** Whether {@code name} logs in WeCom members (otherwise WeChat users). */
    static boolean isWeCom(String name) {
        return name.startsWith("wecom-") || name.equals(ContenderFlow.NAME) || name.equals(DirectFlow.NAME);
    }

    /**
     * The flow {@code name}, minting codes for the given app and logging in as {@code users}.
     *
     * @param agentId the WeCom app (WeCom flows)
     * @param fixture the WeChat apps (WeChat flows)
     * @throws IllegalStateException when the fixture lacks the app the flow needs
     */
    static LoginFlow create(
            String name,
            LoginFlowClient client,
            DriverOptions options,
            String agentId,
            BenchFixture fixture,
            List<String> users) {
        return switch (name) {
            case WECOM_API -> new WeComApiFlow(client, agentId, options.effectiveRedirectUri(), users);
            case WECOM_WEB -> BrowserFlow.wecomWeb(client, agentId, users);
            case WECOM_QR -> BrowserFlow.wecomQr(client, agentId, users);
            case WECOM_MINIPROGRAM -> MiniProgramFlow.wecom(client, agentId, users);
            case WECHAT_MP ->
                BrowserFlow.wechatMp(client, require(fixture.officialAccount(), "official-account"), users);
            case WECHAT_OPEN -> BrowserFlow.wechatOpen(client, require(fixture.website(), "website"), users);
            case WECHAT_MINIPROGRAM ->
                MiniProgramFlow.wechat(
                        client,
                        require(fixture.miniProgram(), "miniprogram"),
                        fixture.miniProgramUnionidBound(),
                        users,
                        false);
            case WECHAT_MINIPROGRAM_PHONE ->
                MiniProgramFlow.wechat(
                        client,
                        require(fixture.miniProgram(), "miniprogram"),
                        fixture.miniProgramUnionidBound(),
                        users,
                        true);
            case ContenderFlow.NAME -> new ContenderFlow(client, agentId, options.effectiveRedirectUri(), users);
            case DirectFlow.NAME -> DirectFlow.create(client, options, agentId, options.effectiveRedirectUri(), users);
            default -> throw new IllegalArgumentException("Unknown flow " + name);
        };
    }

    private static String require(String appId, String kind) {
        if (appId == null) {
            throw new IllegalStateException("the sandbox fixture has no WeChat " + kind + " app");
        }
        return appId;
    }
}
