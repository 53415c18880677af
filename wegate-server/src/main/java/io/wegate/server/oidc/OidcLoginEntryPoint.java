package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An authorization request without a wegate session goes to wegate's own login entry point
 * ({@code /login}: WeCom client → in-client OAuth, WeChat → official account, desktop → the QR
 * logins), which comes back to the authorization request afterwards. With {@code prompt=none} the
 * client asked not to show any page: it gets {@code login_required} at its registered redirect URI
 * (OpenID Connect Core 1.0, section 3.1.2.6), and nothing else gets a redirect.
 */
final class OidcLoginEntryPoint implements AuthenticationEntryPoint {

    private final RegisteredClientRepository clients;
    private final FreshLogin fresh;

    OidcLoginEntryPoint(RegisteredClientRepository clients, FreshLogin fresh) {
        this.clients = clients;
        this.fresh = java.util.Objects.requireNonNull(fresh, "fresh must not be null");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String prompt = request.getParameter("prompt");
        if (prompt != null && Arrays.asList(prompt.split(" ")).contains("none")) {
            RegisteredClient client = request.getParameter("client_id") == null
                    ? null
                    : clients.findByClientId(request.getParameter("client_id"));
            String redirect = request.getParameter("redirect_uri");
            if (client == null || redirect == null || !client.getRedirectUris().contains(redirect)) {
                // never redirect to a URI that is not the client's own
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid_request");
                return;
            }
            UriComponentsBuilder to =
                    UriComponentsBuilder.fromUriString(redirect).queryParam("error", "login_required");
            if (request.getParameter("state") != null) {
                to.queryParam("state", "{state}");
            }
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader(
                    "Location",
                    to.encode()
                            .buildAndExpand(java.util.Map.of("state", String.valueOf(request.getParameter("state"))))
                            .toUriString());
            return;
        }
        // with prompt=login or max_age, marked so that the fresh login satisfies it (FreshLogin);
        // login_hint stays in the request: neither WeCom's nor WeChat's OAuth takes one
        String back = fresh.returnTo(request);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(
                "Location",
                "/login?return_to=" + URLEncoder.encode(back, StandardCharsets.UTF_8)
                        + OidcClientRestrictions.loginQuery(OidcClientRestrictions.clientOf(request, clients)));
    }
}
