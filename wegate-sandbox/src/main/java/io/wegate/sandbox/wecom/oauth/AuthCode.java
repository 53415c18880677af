package io.wegate.sandbox.wecom.oauth;

import java.time.Instant;

/**
 * An OAuth code, as the authorize page issued it.
 *
 * @param agentId the app the page was opened for, or {@code null} when the authorize URL had no agentid (then any app
 *     of the corp that trusts {@code redirectDomain} may exchange it)
 * @param userid the member who signed in, or {@code null} for the non-member WeChat user
 * @param redirectDomain {@code host[:port]} of the redirect_uri, checked again at exchange time (50001)
 * @param flow the sign-in flow that produced the code, e.g. {@code wecom-web}
 */
public record AuthCode(
        String value,
        String agentId,
        String userid,
        Scope scope,
        String redirectDomain,
        String flow,
        Instant expiresAt) {

    public boolean guest() {
        return userid == null;
    }
}
