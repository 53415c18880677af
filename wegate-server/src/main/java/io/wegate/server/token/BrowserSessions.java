package io.wegate.server.token;

import io.wegate.server.account.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The browser side of a login: an HttpOnly session cookie that names the account and the login
 * (token family). Tokens never travel in a URL; a page asks for them with a POST.
 */
@Component
public final class BrowserSessions {

    static final String ACCOUNT = "wegate.account";
    static final String FAMILY = "wegate.family";

    /** Starts a fresh session for {@code account}; any previous one is dropped (no session fixation). */
    public void start(HttpServletRequest request, Account account) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(ACCOUNT, account.id());
        session.setAttribute(FAMILY, UUID.randomUUID().toString());
    }

    /** The account id of the browser's session, or null. */
    public String accountId(HttpServletRequest request) {
        HttpSession s = request.getSession(false);
        return s == null ? null : (String) s.getAttribute(ACCOUNT);
    }

    /** The login (token family) id of the browser's session, or null. */
    public String familyId(HttpServletRequest request) {
        HttpSession s = request.getSession(false);
        return s == null ? null : (String) s.getAttribute(FAMILY);
    }
}
