package io.wegate.server.ops;

import io.wegate.client.redact.Redactor;

/**
 * What every log line is made of: text that may come from a request (a message, an exception message) is
 * neutralised, then redacted. Neutralising writes CR, LF and every other control character as an escape
 * ({@code \r}, {@code \n}, {@code \u001b}), so that no value can end the line it is logged on and start a forged
 * one, or drive the terminal it is read on. Unicode line separators and bidirectional overrides count too: some
 * viewers break lines at the former, and the latter make a line read differently from what it contains.
 */
public final class LogLines {

    private LogLines() {}

    /** {@code text} neutralised and then redacted; null stays null. */
    public static String safe(String text) {
        // neutralise first: an escaped CR/LF no longer ends a value, so the redactor masks the whole of it
        return Redactor.redact(neutralise(text));
    }

    /** {@code text} with every control character written as an escape; the same instance when there is none. */
    public static String neutralise(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !unsafe(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) // C0, DEL and C1 (NEL among them)
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
