package io.wegate.server.oidc;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A refused logout request: the protocol's error code, and what the page tells the person. */
final class RpLogoutException extends OAuth2AuthenticationException {

    private static final long serialVersionUID = 1L;

    final String zh;
    final String en;

    RpLogoutException(String code, String zh, String en) {
        super(new OAuth2Error(
                code, en, "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling"));
        this.zh = zh;
        this.en = en;
    }

    static RpLogoutException invalidRequest(String zh, String en) {
        return new RpLogoutException("invalid_request", zh, en);
    }
}
