package io.wegate.server.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes wegate answers and the claims each one releases (documented in {@code docs/oidc.md}).
 * A client gets only the scopes of its registration: anything else is {@code invalid_scope} (the
 * authorization server checks the request against the registration).
 */
final class OidcScopes {

    static final String PROFILE = "profile";
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String WECOM = "wecom";
    static final String WECHAT = "wechat";

    /** Every scope wegate supports, {@code openid} first. */
    static final Set<String> SUPPORTED = java.util.Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(List.of("openid", PROFILE, EMAIL, PHONE, WECOM, WECHAT)));

    /** The claims of each scope, beside {@code sub}. */
    static final Map<String, List<String>> CLAIMS = Map.of(
            PROFILE, List.of("name", "preferred_username", "picture", "gender"),
            EMAIL, List.of("email", "email_verified"),
            PHONE, List.of("phone_number", "phone_number_verified"),
            WECOM, List.of("wecom"),
            WECHAT, List.of("wechat"));

    /** What the consent page says each scope releases: {@code [zh-CN, en]}. */
    private static final Map<String, String[]> WORDS = words();

    private OidcScopes() {}

    private static Map<String, String[]> words() {
        Map<String, String[]> w = new LinkedHashMap<>();
        w.put("openid", new String[] {"确认您的身份（登录）", "Know who you are (log you in)"});
        w.put(PROFILE, new String[] {"您的姓名、用户名和头像", "Your name, username and picture"});
        w.put(EMAIL, new String[] {"您的邮箱地址", "Your email address"});
        w.put(PHONE, new String[] {"您的手机号", "Your mobile phone number"});
        w.put(WECOM, new String[] {
            "您的企业微信身份：企业、账号、部门和职务", "Your WeCom identity: organisation, userid, departments and position"
        });
        w.put(WECHAT, new String[] {"您的微信身份（unionid 与 openid）", "Your WeChat identity (unionid and openid)"});
        return Map.copyOf(w);
    }

    /** The place of {@code scope} in lists (the order of {@link #SUPPORTED}, unknown ones last). */
    static int order(String scope) {
        int i = List.copyOf(SUPPORTED).indexOf(scope);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** {@code [zh-CN, en]} for {@code scope}; an unknown one is named as it is. */
    static String[] words(String scope) {
        String[] w = WORDS.get(scope);
        return w != null ? w : new String[] {scope, scope};
    }

    /**
     * Discovery: the scopes, claims and subject types wegate supports, into the provider
     * configuration's claims (chained onto the provider configuration customizer of the OIDC chain).
     */
    static void discovery(Map<String, Object> metadata) {
        metadata.put("scopes_supported", List.copyOf(SUPPORTED));
        metadata.put("subject_types_supported", List.of("public", "pairwise"));
        metadata.put(
                "claims_supported",
                List.of(
                        "sub",
                        "iss",
                        "aud",
                        "exp",
                        "iat",
                        "auth_time",
                        "nonce",
                        "acr",
                        "amr",
                        "sid",
                        "name",
                        "preferred_username",
                        "picture",
                        "gender",
                        "email",
                        "email_verified",
                        "phone_number",
                        "phone_number_verified",
                        "wecom",
                        "wechat"));
        metadata.put("claims_parameter_supported", false);
    }
}
