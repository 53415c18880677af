package io.wegate.sandbox.wecom;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trusted-domain matching (可信域名): {@code host[:port]}, exact, no wildcards, scheme and path ignored, default ports
 * dropped; see <a href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>.
 */
public final class Domains {

    // Only scheme and authority matter; the rest of a redirect_uri may hold characters java.net.URI would refuse.
    private static final Pattern ABSOLUTE_HTTP = Pattern.compile("(?i)^https?://([^/?#]+)(?:[/?#].*)?$");

    private Domains() {}

    /** The domain of an absolute http(s) URL, or empty if {@code uri} is not one. */
    public static Optional<String> of(String uri) {
        if (uri == null || uri.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Optional.empty();
        }
        Matcher matcher = ABSOLUTE_HTTP.matcher(uri);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String authority = matcher.group(1);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        try {
            URI parsed = new URI("http://" + hostAndPort);
            if (parsed.getHost() == null || parsed.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = parsed.getPort();
            return Optional.of(normalize(port < 0 ? parsed.getHost() : parsed.getHost() + ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Lower-cases and drops the default ports, so "Example.com:80" and "example.com" compare equal. */
    public static String normalize(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(":80")) {
            return d.substring(0, d.length() - 3);
        }
        if (d.endsWith(":443")) {
            return d.substring(0, d.length() - 4);
        }
        return d;
    }
}
