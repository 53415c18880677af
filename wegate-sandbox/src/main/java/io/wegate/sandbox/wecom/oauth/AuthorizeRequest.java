package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.wecom.Domains;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated authorize URL, see <a href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>.
 *
 * @param params the original parameters, carried through the consent form unchanged
 * @param app the app named by agentid, or {@code null} when the URL had none
 * @param scope the effective scope: snsapi_privateinfo without agentid is downgraded to snsapi_base
 * @param downgraded whether that downgrade happened
 * @param state the state to echo, or {@code null} if none was given
 */
public record AuthorizeRequest(
        Map<String, String> params,
        String redirectUri,
        String redirectDomain,
        App app,
        Scope scope,
        boolean downgraded,
        String state) {

    /** The hidden form fields of the consent page: everything needed to validate the request again. */
    public static final String[] PARAMS = {"appid", "redirect_uri", "response_type", "scope", "state", "agentid"};

    private static final Pattern STATE = Pattern.compile("[a-zA-Z0-9]*");

    public AuthorizeRequest {
        params = Map.copyOf(params);
    }

    /**
     * Validates the parameters in the order the real page appears to: the corp, the callback, then the app.
     *
     * @throws AuthorizeRejected with the text the page shows
     */
    public static AuthorizeRequest parse(Map<String, String> params, WeComDirectory directory) {
        String appid = params.get("appid");
        if (appid == null || !appid.equals(directory.fixture().corpId())) {
            throw new AuthorizeRejected("appid参数错误", "appid must be this corp's CorpID (not an agentid)");
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            throw new AuthorizeRejected("redirect_uri参数错误", "redirect_uri is missing");
        }
        String domain = Domains.of(redirectUri)
                .orElseThrow(() -> new AuthorizeRejected(
                        "redirect_uri参数错误", "redirect_uri must be an absolute http(s) URL (URL-encoded)"));
        if (!"code".equals(params.get("response_type"))) {
            throw new AuthorizeRejected("response_type参数错误", "response_type must be code");
        }
        Scope scope = Scope.parse(params.get("scope"))
                .orElseThrow(
                        () -> new AuthorizeRejected("scope参数错误", "scope must be snsapi_base or snsapi_privateinfo"));
        String state = emptyToNull(params.get("state"));
        if (state != null && (!STATE.matcher(state).matches() || state.getBytes(StandardCharsets.UTF_8).length > 128)) {
            throw new AuthorizeRejected("state参数错误", "state may only contain a-z, A-Z and 0-9, at most 128 bytes");
        }
        App app = app(emptyToNull(params.get("agentid")), directory).orElse(null);
        if (app != null && !directory.trusts(app.agentId(), domain)) {
            throw new AuthorizeRejected(
                    "redirect_uri需使用应用可信域名", "redirect_uri must use the app's trusted domain (" + domain + ")");
        }
        // The docs say both "without agentid it fails" and "without agentid it is treated as snsapi_base" for
        // snsapi_privateinfo (fact sheet A2); the sandbox follows the second, the more forgiving one.
        boolean downgraded = app == null && scope == Scope.SNSAPI_PRIVATEINFO;
        return new AuthorizeRequest(
                params, redirectUri, domain, app, downgraded ? Scope.SNSAPI_BASE : scope, downgraded, state);
    }

    private static Optional<App> app(String agentId, WeComDirectory directory) {
        if (agentId == null) {
            return Optional.empty();
        }
        return Optional.of(directory
                .app(agentId)
                .orElseThrow(() -> new AuthorizeRejected("无效的agentid参数", "agentid is not an app of this corp")));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The agentid the code is bound to, or {@code null}. */
    public String agentId() {
        return app == null ? null : app.agentId();
    }
}
