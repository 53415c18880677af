package io.wegate.server.oidc;

import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Errors of {@code /oauth2/authorize} as the authorization server decides them (RFC 6749 section
 * 4.1.2.1): back to the client's redirect URI once the client and that URI are verified; otherwise
 * a page for the person, naming the RFC's error (in Chinese and English), with status 400 and never
 * a redirect. Spring's default answers the second case with a bare {@code sendError}, whose page
 * does not say what was wrong.
 */
final class OidcAuthorizationErrors implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException o
                ? o.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        OAuth2AuthorizationCodeRequestAuthenticationToken authorization =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                        ? e.getAuthorizationCodeRequestAuthentication()
                        : null;
        response.setHeader("Cache-Control", "no-store");
        if (authorization == null || !StringUtils.hasText(authorization.getRedirectUri())) {
            page(response, error);
            return;
        }
        // as Spring's default: the redirect URI is the client's, verified
        UriComponentsBuilder to = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            to.queryParam(
                    OAuth2ParameterNames.ERROR_DESCRIPTION,
                    UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(error.getUri())) {
            to.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(authorization.getState())) {
            to.queryParam(
                    OAuth2ParameterNames.STATE, UriUtils.encode(authorization.getState(), StandardCharsets.UTF_8));
        }
        response.sendRedirect(to.build(true).toUriString());
    }

    private static void page(HttpServletResponse response, OAuth2Error error) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        String body = "<h1>授权请求无效 / Invalid authorization request</h1><div class=\"card err\">"
                + "<p id=\"error-message-zh\">应用发来的登录请求有误（客户端、回调地址或参数不对），无法返回应用。请联系应用的管理员。</p>"
                + "<p id=\"error-message\">The application sent a login request that cannot be honoured (its client,"
                + " redirect URI or parameters are wrong), so you cannot be sent back to it. Please tell the"
                + " application's administrator.</p>"
                + "<p><small>error: <code id=\"error-code\">" + Pages.esc(error.getErrorCode()) + "</code>"
                + (StringUtils.hasText(error.getDescription())
                        ? " · <code id=\"error-description\">" + Pages.esc(error.getDescription()) + "</code>"
                        : "")
                + "</small></p></div>";
        response.getWriter().write(Pages.layout("授权请求无效 / Invalid authorization request", body));
    }
}
