package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * An authorization request without a wegate session goes to wegate's own login entry point
 * ({@code /login}: WeCom client → in-client OAuth, WeChat → official account, desktop → the QR
 * logins), which comes back to the authorization request afterwards.
 */
final class OidcLoginEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        String back =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Location", "/login?return_to=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
}
