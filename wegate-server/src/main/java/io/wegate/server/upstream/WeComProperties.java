package io.wegate.server.upstream;

import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.server.account.LinkPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The WeCom app wegate logs people in with ({@code wegate.wecom.*}, or {@code WEGATE_WECOM_*}).
 * All three credentials empty, and no other app configured, means sandbox mode.
 *
 * @param corpId the corp ID (我的企业 &gt; 企业信息 &gt; 企业ID)
 * @param agentId the self-built app's AgentId
 * @param secret the app's Secret
 * @param apiBaseUrl where {@code /cgi-bin} lives
 * @param authorizeBaseUrl where the OAuth authorize page lives
 * @param scope {@code snsapi_base} (UserID only) or {@code snsapi_privateinfo} (consent; mobile, email)
 * @param fetchProfile whether to read the member's name and departments with {@code user/get}
 * @param ssoBaseUrl where the QR / website login page lives ({@code /wwlogin/sso/login})
 * @param qrConnectBaseUrl where the older QR page lives ({@code /wwopen/sso/qrConnect})
 * @param qrLoginStyle {@code sso-login} (current) or {@code qr-connect} (older)
 * @param linkPolicy {@code create}, {@code verified-mobile} or {@code existing-only}
 * @param apps more agents of this or another corp, each with its own credentials and rules
 * @param callback the default app's callback (接收消息: Token and EncodingAESKey), for its {@code subscribe} and
 *     {@code unsubscribe} events; unset means no callback
 * @param offboarding what an event or the reconciliation that says a member lost this app does:
 *     {@code end-logins} (default) or {@code disable-account}
 * @param contactSync the contact-sync assistant's event server (通讯录同步 → 设置接收事件服务器) of the default corp
 */
@ConfigurationProperties("wegate.wecom")
public record WeComProperties(
        String corpId,
        String agentId,
        String secret,
        URI apiBaseUrl,
        URI authorizeBaseUrl,
        String scope,
        Boolean fetchProfile,
        URI ssoBaseUrl,
        URI qrConnectBaseUrl,
        String qrLoginStyle,
        String linkPolicy,
        List<ExtraApp> apps,
        Callback callback,
        String offboarding,
        ContactSync contactSync) {

    /**
     * A callback receiver's credentials, as the console shows them.
     *
     * @param token the Token (letters and digits, at most 32)
     * @param encodingAesKey the EncodingAESKey (43 letters and digits)
     */
    public record Callback(String token, String encodingAesKey) {

        /** Null when neither value is set; refuses a half-set or malformed pair, naming the property. */
        static Callback validated(Callback c, String at) {
            if (c == null || (blank(c.token()) && blank(c.encodingAesKey()))) {
                return null;
            }
            if (blank(c.token()) || blank(c.encodingAesKey())) {
                throw new IllegalArgumentException(at + ": set both token and encoding-aes-key, or neither");
            }
            try {
                io.wegate.client.callback.WxBizMsgCrypt.of(
                        c.token().trim(), c.encodingAesKey().trim(), "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
            return new Callback(c.token().trim(), c.encodingAesKey().trim());
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        @Override
        public String toString() {
            return "Callback[token=[REDACTED], encodingAesKey=[REDACTED]]";
        }
    }

    /**
     * The contact-sync assistant's event server ({@code wegate.wecom.contact-sync.*}): one per corp, receives
     * {@code change_contact} ({@code delete_user}; {@code update_user} with a status where the platform sends it).
     *
     * @param corpId the corp (default: {@code wegate.wecom.corp-id})
     * @param offboarding {@code end-logins} (default) or {@code disable-account}
     */
    public record ContactSync(String corpId, String token, String encodingAesKey, String offboarding) {

        @Override
        public String toString() {
            return "ContactSync[corpId=" + corpId + ", token=[REDACTED], encodingAesKey=[REDACTED], offboarding="
                    + offboarding + "]";
        }
    }

    /** {@code end-logins} or {@code disable-account}; null means the default. */
    public static String offboarding(String value, String at) {
        if (value == null || value.isBlank()) {
            return "end-logins";
        }
        String v = value.trim();
        if (!v.equals("end-logins") && !v.equals("disable-account")) {
            throw new IllegalArgumentException(at + " must be end-logins or disable-account, not '" + v + "'");
        }
        return v;
    }

    /**
     * Another WeCom agent ({@code wegate.wecom.apps[n].*}); unset values are taken from the default app.
     *
     * @param id the name used in URLs ({@code ?app=<id>}), letters, digits and dashes
     */
    public record ExtraApp(
            String id,
            String corpId,
            String agentId,
            String secret,
            String scope,
            String linkPolicy,
            URI apiBaseUrl,
            URI authorizeBaseUrl,
            Callback callback,
            String offboarding) {}

    public WeComProperties {
        corpId = trim(corpId);
        agentId = trim(agentId);
        secret = trim(secret);
        if (scope == null || scope.isBlank()) {
            scope = "snsapi_base";
        }
        try {
            WeComOAuth2AuthorizeUrl.Scope.of(scope);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wegate.wecom.scope: " + e.getMessage());
        }
        if (fetchProfile == null) {
            fetchProfile = true;
        }
        if (qrLoginStyle == null || qrLoginStyle.isBlank()) {
            qrLoginStyle = "sso-login";
        }
        if (!qrLoginStyle.equals("sso-login") && !qrLoginStyle.equals("qr-connect")) {
            throw new IllegalArgumentException(
                    "wegate.wecom.qr-login-style must be sso-login or qr-connect, not '" + qrLoginStyle + "'");
        }
        LinkPolicy.of(linkPolicy);
        callback = Callback.validated(callback, "wegate.wecom.callback");
        offboarding = offboarding(offboarding, "wegate.wecom.offboarding");
        if (contactSync != null) {
            Callback cs = Callback.validated(
                    new Callback(contactSync.token(), contactSync.encodingAesKey()), "wegate.wecom.contact-sync");
            String csCorp = trim(contactSync.corpId()) != null ? trim(contactSync.corpId()) : corpId;
            if (cs == null) {
                contactSync = null;
            } else if (csCorp == null) {
                throw new IllegalArgumentException(
                        "wegate.wecom.contact-sync needs a corp: set wegate.wecom.contact-sync.corp-id or wegate.wecom.corp-id");
            } else {
                contactSync = new ContactSync(
                        csCorp,
                        cs.token(),
                        cs.encodingAesKey(),
                        offboarding(contactSync.offboarding(), "wegate.wecom.contact-sync.offboarding"));
            }
        }
        apps = apps == null ? List.of() : List.copyOf(apps);
        List<ExtraApp> checked = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            ExtraApp a = apps.get(i);
            String at = "wegate.wecom.apps[" + i + "]";
            checked.add(new ExtraApp(
                    a.id(),
                    a.corpId(),
                    a.agentId(),
                    a.secret(),
                    a.scope(),
                    a.linkPolicy(),
                    a.apiBaseUrl(),
                    a.authorizeBaseUrl(),
                    Callback.validated(a.callback(), at + ".callback"),
                    offboarding(a.offboarding(), at + ".offboarding")));
            if (a.id() == null || !a.id().matches("[A-Za-z0-9-]{1,32}")) {
                throw new IllegalArgumentException(at + ".id must be 1 to 32 letters, digits or dashes");
            }
            if (a.agentId() == null
                    || !a.agentId().matches("\\d{1,10}")
                    || a.secret() == null
                    || a.secret().isBlank()) {
                throw new IllegalArgumentException(at + " needs a numeric agent-id and a secret");
            }
            if (a.scope() != null) {
                WeComOAuth2AuthorizeUrl.Scope.of(a.scope());
            }
            LinkPolicy.of(a.linkPolicy());
            requireHttpUrl(at + ".api-base-url", a.apiBaseUrl());
            requireHttpUrl(at + ".authorize-base-url", a.authorizeBaseUrl());
        }
        apps = List.copyOf(checked);
        requireHttpUrl("wegate.wecom.sso-base-url", ssoBaseUrl);
        requireHttpUrl("wegate.wecom.qr-connect-base-url", qrConnectBaseUrl);
        requireHttpUrl("wegate.wecom.api-base-url", apiBaseUrl);
        requireHttpUrl("wegate.wecom.authorize-base-url", authorizeBaseUrl);
        List<String> missing = new ArrayList<>();
        if (corpId == null) {
            missing.add("wegate.wecom.corp-id (WEGATE_WECOM_CORP_ID)");
        }
        if (agentId == null) {
            missing.add("wegate.wecom.agent-id (WEGATE_WECOM_AGENT_ID)");
        }
        if (secret == null) {
            missing.add("wegate.wecom.secret (WEGATE_WECOM_SECRET)");
        }
        if (!missing.isEmpty() && missing.size() < 3) {
            throw new IllegalArgumentException("WeCom credentials are incomplete; also set "
                    + String.join(", ", missing) + " — or unset all three to run in sandbox mode");
        }
        if (corpId == null && !apps.isEmpty()) {
            // the extra agents take their corp and rules from the default app; without it they would be dropped
            throw new IllegalArgumentException("wegate.wecom.apps[0] is set but the default WeCom app is not: also set "
                    + String.join(", ", missing));
        }
        if (agentId != null && !agentId.matches("\\d{1,10}")) {
            throw new IllegalArgumentException(
                    "wegate.wecom.agent-id must be the app's numeric AgentId (e.g. 1000002), not '" + agentId + "'");
        }
        if (corpId != null && !corpId.matches("[A-Za-z0-9]{4,64}")) {
            throw new IllegalArgumentException(
                    "wegate.wecom.corp-id must be the corp ID (letters and digits, e.g. ww5a1d2e3f4b6c7d80)");
        }
    }

    /** Whether the default app's credentials were given (then all three are: the constructor checks it). */
    public boolean configured() {
        return corpId != null;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void requireHttpUrl(String name, URI uri) {
        if (uri == null) {
            return;
        }
        String s = uri.getScheme();
        if (!"http".equals(s) && !"https".equals(s) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, not '" + uri + "'");
        }
    }
}
