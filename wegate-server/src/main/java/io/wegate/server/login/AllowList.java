package io.wegate.server.login;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a login may send the browser afterwards. An open redirect here would hand a logged-in
 * session to an attacker's page, so a return_to is first normalised as RFC 3986 section 6 says
 * (percent-encoded unreserved characters decoded, dot segments removed as in section 5.2.4, scheme
 * and host lower-cased, the default port dropped) and only then matched: an absolute URL must have an
 * entry's scheme, host and port and lie under its path, segment by segment; a relative path must
 * stay on wegate. What a browser or a server could read in two ways is refused rather than guessed
 * at: ASCII characters a URI cannot hold (controls, tab, newline, space, backslash, {@code "<>^`{|}}),
 * encoded slashes and backslashes in the path, double encoding, {@code ..;} segments, user info, and
 * hosts that are not plain ASCII names. Non-ASCII characters in the path, query and fragment are
 * percent-encoded as UTF-8, so that the result can always be sent in a {@code Location} header.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3986#section-6">RFC 3986, 6. Normalization and Comparison</a>
 */
public final class AllowList {

    private static final int MAX_LENGTH = 2048;

    /** The ASCII characters a URI may contain (RFC 3986 2.2, 2.3, and % of 2.1). */
    private static final BitSet URI_CHARACTERS = new BitSet(128);

    /** RFC 3986 2.3: the characters whose percent-encoding is the same as the character. */
    private static final BitSet UNRESERVED = new BitSet(128);

    static {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (alnum + "-._~").chars().forEach(UNRESERVED::set);
        (alnum + "-._~" + ":/?#[]@" + "!$&'()*+,;=" + "%").chars().forEach(URI_CHARACTERS::set);
    }

    private static final Pattern ABSOLUTE =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?", Pattern.DOTALL);
    // a DNS name or IPv4 address in ASCII (an IDN host must be given in its xn-- form), or an IPv6 literal
    private static final Pattern AUTHORITY = Pattern.compile(
            "((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+])(?::([0-9]{1,5}))?");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final Pattern DOT_SEGMENT_WITH_PARAMETERS = Pattern.compile("\\.\\.?;.*");

    private AllowList() {}

    /** An absolute http(s) URL, normalised: lower-case scheme and host, effective port, normalised path. */
    record Url(String scheme, String host, int port, String path, String queryAndFragment) {

        boolean sameOrigin(Url other) {
            return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
        }

        /** Under {@code prefix}'s path, segment by segment: {@code /app} covers {@code /app/x}, not {@code /apple}. */
        boolean under(Url prefix) {
            String p = prefix.path;
            return p.endsWith("/") ? path.startsWith(p) : path.equals(p) || path.startsWith(p + "/");
        }

        @Override
        public String toString() {
            boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + queryAndFragment;
        }
    }

    /**
     * A return_to as it will be sent in {@code Location}: a local path ({@code /x}; never {@code //x}),
     * or an absolute URL under one of {@code prefixes}; empty when it is refused.
     */
    public static Optional<String> returnTo(String value, List<String> prefixes) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !uriCharacters(value)) {
            return Optional.empty();
        }
        if (value.startsWith("/")) {
            if (value.startsWith("//")) {
                return Optional.empty();
            }
            int end = endOfPath(value);
            String path = normalizePath(value.substring(0, end));
            String rest = encodeNonAscii(value.substring(end));
            // "/.//evil.example" normalises to "//evil.example": another host
            if (path == null || rest == null || path.startsWith("//")) {
                return Optional.empty();
            }
            return Optional.of(path + rest);
        }
        Url url = parse(value);
        if (url == null) {
            return Optional.empty();
        }
        for (String prefix : prefixes) {
            Url p = parse(prefix);
            if (p != null && url.sameOrigin(p) && url.under(p)) {
                return Optional.of(url.toString());
            }
        }
        return Optional.empty();
    }

    /** A redirect_uri: exactly one of the configured URIs (OAuth 2.1 exact matching). */
    public static boolean redirectUriAllowed(String value, List<String> exact) {
        return value != null && value.length() <= MAX_LENGTH && uriCharacters(value) && exact.contains(value);
    }

    /** For {@code wegate.login.allowed-redirect-uris}: an absolute http(s) URL. */
    static void requireAbsolute(String property, String value) {
        if (value == null || parse(value) == null) {
            throw new IllegalArgumentException(property
                    + " entries must be absolute http(s) URLs such as https://app.example.com/callback, not '" + value
                    + "'");
        }
    }

    /** For {@code wegate.login.allowed-return-to}: an absolute http(s) URL that only names an origin and a path. */
    static void requirePrefix(String property, String value) {
        Url url = value == null ? null : parse(value);
        if (url == null || !url.queryAndFragment().isEmpty()) {
            throw new IllegalArgumentException(property
                    + " entries must be absolute http(s) URLs such as https://app.example.com/ (an ASCII host, no user"
                    + " info, query or fragment), not '" + value + "'");
        }
    }

    /** An absolute http(s) URL, normalised; null when it is not one or is ambiguous. */
    private static Url parse(String value) {
        if (value.length() > MAX_LENGTH || !uriCharacters(value)) {
            return null;
        }
        Matcher m = ABSOLUTE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        // user info (https://app.example.com@evil.example/) and non-ASCII hosts fail here
        Matcher authority = AUTHORITY.matcher(m.group(2));
        if (!scheme.equals("http") && !scheme.equals("https") || !authority.matches()) {
            return null;
        }
        int port = scheme.equals("https") ? 443 : 80;
        if (authority.group(2) != null) {
            port = Integer.parseInt(authority.group(2));
            if (port < 1 || port > 65535) {
                return null;
            }
        }
        String path = normalizePath(m.group(3).isEmpty() ? "/" : m.group(3));
        String rest = encodeNonAscii((m.group(4) == null ? "" : m.group(4)) + (m.group(5) == null ? "" : m.group(5)));
        if (path == null || rest == null) {
            return null;
        }
        return new Url(scheme, authority.group(1).toLowerCase(Locale.ROOT), port, path, rest);
    }

    private static int endOfPath(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '?' || value.charAt(i) == '#') {
                return i;
            }
        }
        return value.length();
    }

    /**
     * An absolute path with unreserved escapes decoded, other escapes in upper case, non-ASCII
     * encoded and dot segments removed; null when an escape or segment could mean two things.
     */
    private static String normalizePath(String raw) {
        String encoded = encodeNonAscii(raw);
        if (encoded == null) {
            return null;
        }
        StringBuilder path = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                path.append(c);
                continue;
            }
            int b = hexByte(encoded, i + 1);
            if (b < 0) {
                return null;
            }
            if (b < 128 && UNRESERVED.get(b)) {
                // %2e is a dot to browsers (WHATWG) and in RFC 3986 6.2.2.2: decode before removing dot segments
                path.append((char) b);
            } else if (b == '/' || b == '\\' || b < 0x20 || b == 0x7f || b == '%' && hexByte(encoded, i + 3) >= 0) {
                // an encoded slash, a control character or a double encoding (%252e): servers differ on them
                return null;
            } else {
                path.append('%').append(encoded.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
            }
            i += 2;
        }
        return removeDotSegments(path.toString());
    }

    /** RFC 3986 5.2.4 for an absolute path; null for {@code ..;x}, which some servers treat as {@code ..}. */
    private static String removeDotSegments(String path) {
        String[] segments = path.substring(1).split("/", -1);
        Deque<String> out = new ArrayDeque<>();
        boolean trailingSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (DOT_SEGMENT_WITH_PARAMETERS.matcher(s).matches()) {
                return null;
            }
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !out.isEmpty()) {
                    out.removeLast();
                }
                trailingSlash |= last;
                continue;
            }
            out.addLast(s);
        }
        return "/" + String.join("/", out) + (trailingSlash && !out.isEmpty() ? "/" : "");
    }

    /** Non-ASCII characters as UTF-8 escapes; null when a {@code %} is not followed by two hex digits. */
    private static String encodeNonAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == '%' && hexByte(s, i + 1) < 0
                    || Character.charCount(cp) == 1 && Character.isSurrogate((char) cp)) {
                return null; // a lone % or an unpaired surrogate (no UTF-8 form)
            }
            if (cp < 128) {
                b.append((char) cp);
            } else {
                for (byte x : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                    b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
                }
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** Only characters a URI may contain, or non-ASCII ones (encoded later). */
    private static boolean uriCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 ? !URI_CHARACTERS.get(c) : Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The byte of the two hex digits at {@code at}, or -1. */
    private static int hexByte(String s, int at) {
        if (at + 2 > s.length()) {
            return -1;
        }
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
