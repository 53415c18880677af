package io.wegate.server.web;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that is not strict <a href="https://www.rfc-editor.org/rfc/rfc3986#section-2.1">RFC 3986
 * percent-encoding</a> of UTF-8 ({@code 400 invalid_request}, one log line), before anything parses parameters: a
 * malformed escape ({@code %zz}, a lone {@code %}), escapes that are not UTF-8 ({@code %FF}), a character that must
 * be escaped, or a control character once decoded ({@code %0d%0a}, {@code %00}). Left to Tomcat, the first two fail
 * deep inside parameter parsing: a 500, a stack trace, and a message quoting the value.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public final class StrictQueryString extends OncePerRequestFilter {

    private final ErrorResponses errors;

    public StrictQueryString(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getQueryString());
        if (problem != null) {
            errors.write(request, response, new ApiException(GatewayError.INVALID_REQUEST, problem));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why {@code query} (as sent, undecoded) is refused, or null when it is well-formed or absent. */
    static String problem(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        byte[] bytes = new byte[query.length()];
        int n = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                int hi = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(query.charAt(i + 2), 16);
                if (lo < 0) {
                    return "the query string has a malformed percent-escape";
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c <= ' ' || c >= 0x7f) {
                // Tomcat refuses most of these in the request line; what it lets through is still not a URI
                return "the query string has a character that must be percent-encoded";
            } else {
                bytes[n++] = (byte) c;
            }
        }
        CharBuffer decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n));
        } catch (CharacterCodingException e) {
            return "the query string's percent-escapes are not UTF-8";
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                // no code, state, URL or app id contains one; in a log line, CR/LF would start a forged line
                return "the query string has an encoded control character";
            }
        }
        return null;
    }
}
