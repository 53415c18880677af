package io.wegate.server.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where a login may send the browser afterwards. An open redirect here would hand a logged-in
 * session to an attacker's page, so the rules are strict: absolute URLs must match an entry's
 * scheme, host and port exactly and start with its path; relative paths must stay on wegate.
 */
public final class AllowList {

    private static final int MAX_LENGTH = 2048;

    private AllowList() {}

    /** A return_to: a local path ({@code /x}, never {@code //x} or {@code /\x}) or a prefix match. */
    public static boolean returnToAllowed(String value, List<String> prefixes) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || hasControlChars(value)) {
            return false;
        }
        if (value.startsWith("/")) {
            return !value.startsWith("//") && !value.contains("\\");
        }
        URI uri = parseAbsolute(value);
        if (uri == null) {
            return false;
        }
        for (String prefix : prefixes) {
            URI p = URI.create(prefix);
            if (sameOrigin(uri, p) && pathOf(uri).startsWith(pathOf(p))) {
                return true;
            }
        }
        return false;
    }

    /** A redirect_uri: exactly one of the configured URIs (OAuth 2.1 exact matching). */
    public static boolean redirectUriAllowed(String value, List<String> exact) {
        return value != null && value.length() <= MAX_LENGTH && !hasControlChars(value) && exact.contains(value);
    }

    static void requireAbsolute(String property, String value) {
        if (parseAbsolute(value) == null) {
            throw new IllegalArgumentException(property
                    + " entries must be absolute http(s) URLs such as https://app.example.com/, not '" + value + "'");
        }
    }

    private static URI parseAbsolute(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String pathOf(URI u) {
        String p = u.getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    private static boolean hasControlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
