package io.wegate.server.oidc;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The authorization server's endpoints are filters, outside Spring MVC's exception handling: a
 * database that is away or out of connections there is answered like everywhere else in wegate
 * (503 {@code service_unavailable}, one log line), not with a stack trace and the container's page.
 */
final class OidcDatabaseUnavailable extends OncePerRequestFilter {

    private final ErrorResponses errors;

    OidcDatabaseUnavailable(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (DataAccessResourceFailureException
                | TransientDataAccessException
                | org.springframework.transaction.CannotCreateTransactionException
                | org.springframework.transaction.TransactionSystemException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            errors.write(request, response, new ApiException(GatewayError.SERVICE_UNAVAILABLE, null, null, e));
        }
    }
}
