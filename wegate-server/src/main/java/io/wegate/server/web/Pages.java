package io.wegate.server.web;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import org.springframework.web.util.HtmlUtils;

/** The few HTML pages wegate serves itself: one layout, everything escaped. */
public final class Pages {

    private Pages() {}

    public static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    /** A complete page; {@code bodyHtml} must already be escaped. */
    public static String layout(String title, String bodyHtml) {
        return """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2329;line-height:1.6}
                h1{font-size:1.5rem} .card{border:1px solid #dee0e3;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
                .btn{display:inline-block;background:#0082ef;color:#fff;border:0;border-radius:6px;padding:.6rem 1.2rem;font-size:1rem;text-decoration:none;cursor:pointer}
                .btn.secondary{background:#f2f3f5;color:#1f2329} code,pre{background:#f5f6f7;border-radius:4px;padding:.1rem .3rem;word-break:break-all;white-space:pre-wrap}
                .warn{background:#fff7e8;border-color:#ffd591} .err{background:#fff1f0;border-color:#ffa39e} small{color:#646a73}
                </style></head><body>
                %s
                </body></html>
                """.formatted(esc(title), bodyHtml);
    }

    /** The readable page for a failed browser login. */
    public static String error(ApiException e, String requestId, String retryHref) {
        GatewayError g = e.error();
        StringBuilder b = new StringBuilder();
        b.append("<h1>登录失败 / Login failed</h1><div class=\"card err\">");
        b.append("<p id=\"error-message-zh\">")
                .append(esc(g.messageZh(e.detail())))
                .append("</p>");
        b.append("<p id=\"error-message\">")
                .append(esc(g.messageEn(e.detail())))
                .append("</p>");
        b.append("<p><small>error: <code id=\"error-code\">")
                .append(esc(g.code()))
                .append("</code>");
        if (e.upstreamErrcode() != null) {
            b.append(" · upstream errcode: <code>").append(e.upstreamErrcode()).append("</code>");
        }
        if (requestId != null) {
            b.append(" · request id: <code>").append(esc(requestId)).append("</code>");
        }
        b.append("</small></p></div>");
        if (retryHref != null) {
            b.append("<p><a class=\"btn\" href=\"").append(esc(retryHref)).append("\">重新登录 / Try again</a></p>");
        }
        return layout("登录失败 / Login failed", b.toString());
    }
}
