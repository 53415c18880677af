package io.wegate.sandbox.http;

import java.util.Map;

/** HTML helpers: every value echoed into a page goes through {@link #escape}. */
public final class Html {

    /** Shared look of all sandbox pages: a centred white card in the WeCom client's light grey and blue. */
    public static final String STYLE = """
            <style>
              body { margin: 0; background: #f2f3f5; color: #1f2329;
                     font: 15px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Segoe UI", sans-serif; }
              main { max-width: 420px; margin: 24px auto; background: #fff; border-radius: 10px;
                     padding: 24px 20px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
              h1 { font-size: 19px; margin: 8px 0 2px; text-align: center; }
              .logo { width: 56px; height: 56px; margin: 0 auto; border-radius: 12px; background: #0082ef;
                      color: #fff; font-size: 26px; line-height: 56px; text-align: center; }
              .sub { color: #8f959e; font-size: 13px; text-align: center; margin: 0 0 16px; }
              .note { background: #f5f9ff; border: 1px solid #cfe3ff; border-radius: 8px; padding: 10px 12px;
                      font-size: 13px; margin: 12px 0; }
              .error { background: #fff4f4; border-color: #ffc9c9; color: #c92a2a; }
              ul { list-style: none; padding: 0; margin: 0; }
              button { width: 100%; display: flex; align-items: center; gap: 12px; padding: 10px 12px;
                       margin: 6px 0; border: 1px solid #e5e6eb; border-radius: 8px; background: #fff;
                       font: inherit; text-align: left; cursor: pointer; }
              button:hover { border-color: #0082ef; background: #f5f9ff; }
              .avatar { width: 36px; height: 36px; border-radius: 6px; background: #4c9bff; color: #fff;
                        text-align: center; line-height: 36px; flex: none; }
              .guest .avatar { background: #07c160; }
              .who { flex: 1; } .dept { display: block; color: #8f959e; font-size: 12px; }
              .allow { color: #0082ef; font-size: 13px; white-space: nowrap; }
              code { background: #f2f3f5; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
              footer { color: #8f959e; font-size: 12px; text-align: center; margin-top: 18px; }
              a { color: #0082ef; }
              .logo.wx { background: #07c160; }
              .wx button:hover { border-color: #07c160; background: #f3fbf6; }
              .wx .allow { color: #07c160; }
              button.deny { justify-content: center; color: #c92a2a; }
              button.snapshot { margin-top: -2px; padding: 6px 12px; font-size: 13px; color: #576b95;
                                justify-content: center; }
              main:has(.qr-layout) { max-width: 760px; }
              .qr-layout { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
              .qr { flex: none; width: 240px; text-align: center; color: #8f959e; font-size: 13px; }
              .qr svg { width: 220px; height: 220px; display: block; margin: 0 auto 8px; }
              .phone { flex: 1; min-width: 260px; }
              h2 { font-size: 15px; margin: 4px 0 8px; }
            </style>
            """;

    private Html() {}

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A complete page; {@code body} must already be escaped where it echoes input. */
    public static String page(String title, String body) {
        return page(title, body, "", "模拟环境，并非真实的企业微信 / a simulator, not the real WeCom");
    }

    /** A page of the simulated WeChat, in WeChat's green. */
    public static String wechatPage(String title, String body) {
        return page(title, body, " class=\"wx\"", "模拟环境，并非真实的微信 / a simulator, not the real WeChat");
    }

    private static String page(String title, String body, String mainAttributes, String footer) {
        return "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>" + STYLE + "</head><body><main" + mainAttributes + ">" + body
                + "<footer>wegate sandbox · " + footer + "</footer></main></body></html>\n";
    }

    /** {@code <input type="hidden">} fields carrying request parameters through a form, in the order given. */
    public static String hiddenFields(Map<String, String> params, String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            String value = params.get(name);
            if (value != null) {
                out.append("<input type=\"hidden\" name=\"")
                        .append(escape(name))
                        .append("\" value=\"")
                        .append(escape(value))
                        .append("\">");
            }
        }
        return out.toString();
    }
}
