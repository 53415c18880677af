package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.http.QueryString;
import java.nio.charset.StandardCharsets;

/** Builds the callback URL {@code redirect_uri?code=CODE&state=STATE} without disturbing the URI's own query. */
public final class RedirectUris {

    private RedirectUris() {}

    /** Appends code (and state, if not {@code null}) before any fragment, with {@code ?} or {@code &} as needed. */
    public static String withCode(String redirectUri, String code, String state) {
        int hash = redirectUri.indexOf('#');
        String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
        String fragment = hash < 0 ? "" : redirectUri.substring(hash);
        String separator;
        if (!base.contains("?")) {
            separator = "?";
        } else if (base.endsWith("?") || base.endsWith("&")) {
            separator = "";
        } else {
            separator = "&";
        }
        StringBuilder url =
                new StringBuilder(base).append(separator).append("code=").append(QueryString.encode(code));
        if (state != null) {
            url.append("&state=").append(QueryString.encode(state));
        }
        return asciiOnly(url.append(fragment).toString());
    }

    /** Percent-encodes non-ASCII characters as a browser would, since an HTTP Location header must be ASCII. */
    private static String asciiOnly(String url) {
        if (url.chars().allMatch(c -> c < 0x80)) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.length() + 32);
        url.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.append((char) cp);
            } else {
                for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        });
        return out.toString();
    }
}
