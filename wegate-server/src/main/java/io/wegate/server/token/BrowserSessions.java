package io.wegate.server.token;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The browser side of a login: an HttpOnly session cookie that names the login. Tokens never
 * travel in a URL; a page asks for them with a POST. A session lives only as long as its login:
 * once the login is revoked (logout anywhere, refresh-token reuse) or past its absolute end, the
 * session is dropped the next time it is used.
 */
@Component
public final class BrowserSessions {

    static final String LOGIN = "wegate.login";

    private final TokenService tokens;

    public BrowserSessions(TokenService tokens) {
        this.tokens = tokens;
    }

    /** Starts a fresh session for {@code login}; any previous one is dropped (no session fixation). */
    public void start(HttpServletRequest request, Login login) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(LOGIN, login.id());
    }

    /** The login of the browser's session while it stands; a session whose login ended is dropped. */
    public Optional<Login> current(HttpServletRequest request) {
        HttpSession s = request.getSession(false);
        if (s == null) {
            return Optional.empty();
        }
        Optional<Login> login = tokens.liveLogin((String) s.getAttribute(LOGIN));
        if (login.isEmpty()) {
            s.invalidate();
        }
        return login;
    }
}
