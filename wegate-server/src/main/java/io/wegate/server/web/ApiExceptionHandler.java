package io.wegate.server.web;

import io.wegate.client.UpstreamException;
import io.wegate.client.token.AccessTokenWaitTimeoutException;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.error.UpstreamErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every exception leaves as a clear error: JSON for the API, a page for browser routes, never a stack trace. */
@RestControllerAdvice
public final class ApiExceptionHandler {

    private final ErrorResponses errors;

    public ApiExceptionHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    void api(ApiException e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, e);
    }

    @ExceptionHandler({UpstreamException.class, AccessTokenWaitTimeoutException.class})
    void upstream(RuntimeException e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, UpstreamErrors.toApiException(e));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletRequest req, HttpServletResponse res)
            throws IOException {
        String duplicate = duplicateKey(e);
        if (causedByTooLarge(e)) {
            errors.write(req, res, new ApiException(GatewayError.REQUEST_TOO_LARGE));
        } else if (duplicate != null) {
            errors.write(req, res, new ApiException(GatewayError.INVALID_REQUEST, duplicate));
        } else {
            errors.write(req, res, new ApiException(GatewayError.INVALID_REQUEST, "the body is not valid JSON"));
        }
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestCookieException.class})
    void missing(Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName() : "cookie";
        errors.write(req, res, new ApiException(GatewayError.INVALID_REQUEST, name + " is required"));
    }

    // StrictQueryString refuses malformed query strings first; this is Tomcat failing to decode a form body
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    void undecodable(HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(
                req, res, new ApiException(GatewayError.INVALID_REQUEST, "a parameter is not percent-encoded UTF-8"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest req, HttpServletResponse res)
            throws IOException {
        errors.write(req, res, new ApiException(GatewayError.INVALID_REQUEST, e.getName() + " has the wrong type"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void mediaType(HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, new ApiException(GatewayError.UNSUPPORTED_MEDIA_TYPE));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, new ApiException(GatewayError.INVALID_REQUEST, "accept application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void method(HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, new ApiException(GatewayError.METHOD_NOT_ALLOWED));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    void notFound(HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, new ApiException(GatewayError.NOT_FOUND));
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        org.springframework.transaction.CannotCreateTransactionException.class,
        // a connection the database dropped mid-transaction fails the rollback too
        org.springframework.transaction.TransactionSystemException.class
    })
    void database(Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, new ApiException(GatewayError.SERVICE_UNAVAILABLE, null, null, e));
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        errors.write(req, res, new ApiException(GatewayError.INTERNAL, null, null, e));
    }

    // spring.jackson.read.strict-duplicate-detection: {"code":"a","code":"b"} must not mean "b" here and "a"
    // to a proxy or a WAF that read the same body
    private static final java.util.regex.Pattern DUPLICATE =
            java.util.regex.Pattern.compile("^Duplicate Object property \"([A-Za-z0-9_.-]{1,64})\"");

    /** "the body has the key x twice", when Jackson refused a duplicate key; else null. */
    private static String duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.core.exc.StreamReadException s
                    && s.getOriginalMessage() != null
                    && s.getOriginalMessage().startsWith("Duplicate Object property")) {
                var m = DUPLICATE.matcher(s.getOriginalMessage());
                // the key is quoted back only when it is a plain name: it is the caller's text
                return m.find() ? "the body has the key \"" + m.group(1) + "\" twice" : "the body has a key twice";
            }
        }
        return null;
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLargeException) {
                return true;
            }
        }
        return false;
    }
}
