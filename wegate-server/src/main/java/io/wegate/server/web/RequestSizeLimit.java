package io.wegate.server.web;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies at 16 KiB: a login or refresh request is a few hundred bytes, and nothing
 * bigger should reach a JSON parser. Declared lengths are refused up front; chunked bodies are cut.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public final class RequestSizeLimit extends OncePerRequestFilter {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    private final ErrorResponses errors;

    public RequestSizeLimit(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            errors.write(request, response, new ApiException(GatewayError.REQUEST_TOO_LARGE));
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    /** Thrown when a body without a declared length grows past the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > MAX_BODY_BYTES) {
                            throw new TooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (count += n) > MAX_BODY_BYTES) {
                            throw new TooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
