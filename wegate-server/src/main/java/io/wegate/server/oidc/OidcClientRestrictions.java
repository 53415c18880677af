package io.wegate.server.oidc;

import io.wegate.server.token.Login;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Which logins a client takes: only some upstreams ({@code wegate.upstreams}: {@code wecom},
 * {@code wechat}) or one app ({@code wegate.app}). A wegate session made another way does not
 * authenticate that client's authorization request: the person goes through {@code /login}, which
 * offers only the allowed logins ({@code upstream=}, {@code app=}), and comes back with one that is.
 */
final class OidcClientRestrictions {

    /** {@code String}: comma-separated upstreams; absent: any. */
    static final String UPSTREAMS = "wegate.upstreams";
    /** {@code String}: one configured app's id; absent: any. */
    static final String APP = "wegate.app";

    private OidcClientRestrictions() {}

    static void write(Map<String, Object> settings, List<String> upstreams, String app) {
        if (upstreams != null && !upstreams.isEmpty()) {
            settings.put(UPSTREAMS, String.join(",", upstreams));
        }
        if (app != null) {
            settings.put(APP, app);
        }
    }

    /** The client an authorization request names, if it exists. */
    static RegisteredClient clientOf(HttpServletRequest request, RegisteredClientRepository clients) {
        String id = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        return id == null ? null : clients.findByClientId(id);
    }

    static boolean allows(RegisteredClient client, Login login) {
        if (client == null) {
            return true;
        }
        Object upstreams = client.getClientSettings().getSetting(UPSTREAMS);
        if (upstreams instanceof String u
                && !Arrays.asList(u.split(",")).contains(login.method().upstream())) {
            return false;
        }
        Object app = client.getClientSettings().getSetting(APP);
        return !(app instanceof String a) || a.equals(login.method().appId());
    }

    /** {@code &upstream=…&app=…} for {@code /login}, or nothing. */
    static String loginQuery(RegisteredClient client) {
        if (client == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (client.getClientSettings().getSetting(UPSTREAMS) instanceof String u) {
            b.append("&upstream=").append(URLEncoder.encode(u, StandardCharsets.UTF_8));
        }
        if (client.getClientSettings().getSetting(APP) instanceof String a) {
            b.append("&app=").append(URLEncoder.encode(a, StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
