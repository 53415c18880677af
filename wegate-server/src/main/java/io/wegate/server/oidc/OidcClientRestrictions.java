package io.wegate.server.oidc;

import static java.util.stream.Collectors.toSet;

import io.wegate.server.token.Login;
import io.wegate.server.upstream.LoginApps;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Which logins a client takes: only some upstreams ({@code wegate.upstreams}: {@code wecom},
 * {@code wechat}) or one app ({@code wegate.app}). A wegate session made another way does not
 * authenticate that client's authorization request: the person goes through {@code /login}, which
 * offers only the allowed logins ({@code upstream=}, {@code app=}), and comes back with one that is.
 *
 * <p>They come from {@code wegate.oidc.clients[n].upstreams} / {@code .app} or from the RFC 7591
 * metadata {@code wegate_upstreams} / {@code wegate_app}, and are stored in their own columns of
 * {@code oidc_client} ({@link JdbcClientRepository}); either way they are these two client settings.
 */
final class OidcClientRestrictions {

    static final List<String> UPSTREAM_NAMES = List.of("wecom", "wechat");

    /**
     * The logins of this gateway a restriction may name: each upstream with the ids of its
     * configured apps.
     */
    record Logins(Map<String, Set<String>> appsByUpstream) {

        Logins {
            appsByUpstream = Map.copyOf(appsByUpstream);
        }

        static Logins of(LoginApps apps) {
            Map<String, Set<String>> m = new LinkedHashMap<>();
            m.put(
                    "wecom",
                    apps.wecom().stream().map(LoginApps.WeComLoginApp::id).collect(toSet()));
            m.put(
                    "wechat",
                    apps.wechat().stream().map(LoginApps.WeChatLoginApp::id).collect(toSet()));
            return new Logins(m);
        }

        /** Why {@code upstreams} and {@code app} cannot restrict a client here, or null. */
        String problem(List<String> upstreams, String app) {
            for (String u : upstreams) {
                if (!UPSTREAM_NAMES.contains(u)) {
                    return "wegate_upstreams: '" + u + "' is not an upstream (wecom, wechat)";
                }
                if (appsByUpstream.getOrDefault(u, Set.of()).isEmpty()) {
                    return "wegate_upstreams: no " + u + " app is configured on this gateway, so nobody could log in";
                }
            }
            if (app == null) {
                return null;
            }
            List<String> of = UPSTREAM_NAMES.stream()
                    .filter(u -> appsByUpstream.getOrDefault(u, Set.of()).contains(app))
                    .toList();
            if (of.isEmpty()) {
                return "wegate_app: no app '" + app + "' is configured (the apps: "
                        + String.join(
                                ", ",
                                appsByUpstream.values().stream()
                                        .flatMap(Set::stream)
                                        .sorted()
                                        .distinct()
                                        .toList())
                        + ")";
            }
            if (!upstreams.isEmpty() && of.stream().noneMatch(upstreams::contains)) {
                return "wegate_app: '" + app + "' is a " + String.join("/", of)
                        + " app, which wegate_upstreams excludes, so nobody could log in";
            }
            return null;
        }
    }

    /** {@code String}: comma-separated upstreams; absent: any. */
    static final String UPSTREAMS = "wegate.upstreams";
    /** {@code String}: one configured app's id; absent: any. */
    static final String APP = "wegate.app";

    private OidcClientRestrictions() {}

    /** The upstreams {@code client} is restricted to; empty: any. */
    static List<String> upstreams(RegisteredClient client) {
        return client.getClientSettings().getSetting(UPSTREAMS) instanceof String u && !u.isBlank()
                ? List.of(u.split(","))
                : List.of();
    }

    /** The app {@code client} is restricted to, or null. */
    static String app(RegisteredClient client) {
        return client.getClientSettings().getSetting(APP) instanceof String a ? a : null;
    }

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
