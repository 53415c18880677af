package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.http.QueryString;
import java.nio.charset.StandardCharsets;

/**
 * Builds the callback URL {@code redirect_uri?code=CODE&state=STATE} without disturbing the URI's own query; shared by
 * the WeCom and WeChat pages.
 */
public final class RedirectUris {

    private RedirectUris() {}

    /** Appends code (and state, if not {@code null}) before any fragment, with {@code ?} or {@code &} as needed. */
    public static String withCode(String redirectUri, String code, String state) {
        return append(redirectUri, "code=" + QueryString.encode(code) + stateParam("&", state));
    }

    /**
     * The callback of a user who refused: {@code redirect_uri?state=STATE}, without a code (fact sheet A6.1, B2); the
     * bare redirect_uri when there is no state.
     */
    public static String withoutCode(String redirectUri, String state) {
        return state == null ? asciiOnly(redirectUri) : append(redirectUri, stateParam("", state));
    }

    private static String stateParam(String prefix, String state) {
        return state == null ? "" : prefix + "state=" + QueryString.encode(state);
    }

    private static String append(String redirectUri, String params) {
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
        return asciiOnly(base + separator + params + fragment);
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
