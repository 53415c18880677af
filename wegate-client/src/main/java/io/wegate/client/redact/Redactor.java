package io.wegate.client.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where secrets are removed from text before it is logged or shown.
 *
 * <p>Every log line of the gateway passes through {@link #redact(String)}; the client uses it for
 * every URL and body it mentions in an exception or a log record. It masks the values of query
 * parameters, form fields and JSON members whose names carry credentials or one-time codes.
 */
public final class Redactor {

    /** What replaces a secret value. */
    public static final String MASK = "[REDACTED]";

    // snake_case as on the wire, camelCase as in Java records' toString()
    private static final String NAMES = "access_token|accessToken|corpsecret|secret|appsecret|code|js_code|jsCode"
            + "|auth_code|session_key|sessionKey|refresh_token|refreshToken|user_ticket|userTicket|id_token|idToken"
            + "|client_secret|clientSecret|password|encryptedData|encrypted_data|iv|state|authorization"
            + "|link_ticket|linkTicket|phone_code|phoneCode|user_code|userCode|device_code|deviceCode|request_uri"
            + "|wegate_logout_confirmation|logout_token|logoutToken";

    // name=value in URLs, forms and "key=value" log text; the value stops at a delimiter.
    // A value already masked (a toString() that redacts itself) is left as it is.
    private static final Pattern PARAM =
            Pattern.compile("(?i)\\b(" + NAMES + ")=(?!\\[REDACTED])([^&\\s\"',;#)\\]}]+)");

    // "name": "value" in JSON.
    private static final Pattern JSON = Pattern.compile("(?i)\"(" + NAMES + ")\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    // Authorization headers and bearer tokens written as text.
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer)\\s+([A-Za-z0-9._~+/=-]{8,})");

    // Anything that looks like a JWT or a piece of one (a base64url JSON header: "eyJ..."),
    // wherever it stands: frameworks truncate long values, and a prefix still identifies a token.
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}(?:\\.[A-Za-z0-9_-]*){0,2}");

    // Framework messages quote values in brackets, not as name=value: Tomcat's "Parameter [code] with value
    // [...] has been ignored", "... with a value of [...] ignored", Spring's "... for value [...]". The value
    // runs to the last bracket of the line, since a quoted value may itself contain "]".
    private static final Pattern QUOTED_VALUE = Pattern.compile("(?i)\\b(value(?: of)?|input) \\[.*\\]");

    // A number parser's complaint quotes its whole input, e.g. a query parameter that should have been a number.
    private static final Pattern INPUT_STRING = Pattern.compile("(?i)\\b(For input string:) \"[^\"]*\"");

    // Session ids as servlet containers and Spring Security's session registry write them in prose:
    // "Registering session 7A9D...", "Changed session id from 7A9D... to 01F2...".
    private static final Pattern SESSION_ID =
            Pattern.compile("(?i)\\b(session(?: id)?(?: from)?) ([A-Za-z0-9_-]{16,})");
    private static final Pattern SESSION_ID_TO =
            Pattern.compile("(?i)\\b(session id from \\[REDACTED] to) ([A-Za-z0-9_-]{16,})");

    private Redactor() {}

    /** Returns {@code text} with every credential value replaced by {@link #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replaceValue(PARAM, text, "=");
        out = replaceJson(out);
        out = BEARER.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        out = QUOTED_VALUE.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        out = INPUT_STRING.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement("\"" + MASK + "\""));
        out = SESSION_ID.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        out = SESSION_ID_TO.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        return JWT.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }

    private static String replaceValue(Pattern pattern, String text, String separator) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + separator + MASK));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replaceJson(String text) {
        Matcher m = JSON.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement("\"" + m.group(1) + "\":\"" + MASK + "\""));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
