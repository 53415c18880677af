package io.wegate.sandbox;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Rejects WeChat fixtures the simulator could not serve consistently, naming the offending entry. */
final class WeChatFixtureValidator {

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    // Keys end up in page element ids (wechat-user-<key>) and JSON; keep them to plain identifier characters.
    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

    private WeChatFixtureValidator() {}

    static void validate(List<App> apps, List<User> users) {
        Set<String> appids = new HashSet<>();
        for (App app : apps) {
            require(!blank(app.appid()), "a wechat app has no appid");
            String where = "wechat app " + app.appid();
            require(appids.add(app.appid()), "duplicate wechat appid " + app.appid());
            require(app.kind() != null, where + " needs a kind: official-account, website or miniprogram");
            require(!blank(app.secret()), where + " has no secret");
            require(!blank(app.name()), where + " has no name");
            require(
                    app.kind() == Kind.OFFICIAL_ACCOUNT || app.webAuthDomains().isEmpty(),
                    where + ": only an official account has web_auth_domains");
            require(
                    app.kind() == Kind.WEBSITE || app.authDomains().isEmpty(),
                    where + ": only a website app has auth_domains");
            for (String domain : app.redirectDomains()) {
                require(DOMAIN.matcher(domain).matches(), where + " has an invalid domain: " + domain);
            }
        }
        Set<String> keys = new HashSet<>();
        Set<String> unionids = new HashSet<>();
        for (User user : users) {
            require(user.key() != null && KEY.matcher(user.key()).matches(), "a wechat user needs a key [a-z0-9_-]");
            String where = "wechat user " + user.key();
            require(keys.add(user.key()), "duplicate wechat user key " + user.key());
            require(!blank(user.nickname()), where + " has no nickname");
            require(user.sex() >= 0 && user.sex() <= 2, where + ": sex must be 0, 1 or 2");
            require(user.phone() != null && DIGITS.matcher(user.phone()).matches(), where + " needs a phone (digits)");
            require(DIGITS.matcher(user.countryCode()).matches(), where + ": country_code must be digits");
            require(unionids.add(user.unionid()), where + " shares its unionid with another user");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
