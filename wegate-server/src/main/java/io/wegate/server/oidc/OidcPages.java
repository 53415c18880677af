package io.wegate.server.oidc;

import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The pages of the authorization server's browser endpoints (logout, device verification), zh-CN and en. */
final class OidcPages {

    private OidcPages() {}

    /** Writes a complete page; {@code bodyHtml} must already be escaped. */
    static void write(HttpServletResponse response, int status, String title, String bodyHtml) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Pages.layout(title, bodyHtml));
    }

    /** A page that says what went wrong, in both languages, with the protocol's error code. */
    static void error(HttpServletResponse response, int status, String code, String zh, String en) throws IOException {
        write(
                response,
                status,
                "出错了 / Something went wrong",
                "<h1>出错了 / Something went wrong</h1><div class=\"card err\"><p id=\"error-message-zh\">"
                        + Pages.esc(zh) + "</p><p id=\"error-message\">" + Pages.esc(en)
                        + "</p><p><small>error: <code id=\"error-code\">" + Pages.esc(code)
                        + "</code></small></p></div>");
    }

    /** A short page with a heading and one paragraph in each language. */
    static void message(HttpServletResponse response, String id, String zh, String en) throws IOException {
        write(
                response,
                HttpServletResponse.SC_OK,
                zh + " / " + en,
                "<h1 id=\"" + Pages.esc(id) + "\">" + Pages.esc(zh) + " / " + Pages.esc(en) + "</h1>");
    }
}
