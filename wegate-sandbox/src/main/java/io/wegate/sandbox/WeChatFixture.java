package io.wegate.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The WeChat side of the fixture: an official account, an Open Platform website app, mini programs, and the people who
 * sign in to them. Identifiers follow <a
 * href="https://developers.weixin.qq.com/doc/oplatform/Mobile_App/WeChat_Login/Authorized_API_call_UnionID.html">UnionID
 * 机制</a>: one openid per (app, user), one unionid per user across the apps bound to the Open Platform account.
 */
public record WeChatFixture(
        @JsonProperty("apps") List<App> apps,
        @JsonProperty("users") List<User> users) {

    public WeChatFixture {
        apps = List.copyOf(Objects.requireNonNullElse(apps, List.of()));
        users = List.copyOf(Objects.requireNonNullElse(users, List.of()));
        WeChatFixtureValidator.validate(apps, users);
    }

    public Optional<App> app(String appid) {
        return apps.stream().filter(a -> a.appid().equals(appid)).findFirst();
    }

    public Optional<User> user(String key) {
        return users.stream().filter(u -> u.key().equals(key)).findFirst();
    }

    /** What kind of WeChat app an appid belongs to; each kind has its own sign-in flow. */
    public enum Kind {
        /** 公众号: web OAuth inside WeChat ({@code /connect/oauth2/authorize}). */
        @JsonProperty("official-account")
        OFFICIAL_ACCOUNT("official-account"),
        /** 开放平台网站应用: QR login in a desktop browser ({@code /connect/qrconnect}). */
        @JsonProperty("website")
        WEBSITE("website"),
        /** 小程序: {@code wx.login} plus {@code /sns/jscode2session}. */
        @JsonProperty("miniprogram")
        MINIPROGRAM("miniprogram");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /**
     * One WeChat app.
     *
     * @param webAuthDomains an official account's 网页授权域名 ({@code host[:port]})
     * @param authDomains a website app's 授权回调域
     * @param unionidBound whether the app is bound to the Open Platform account, which is when unionid is returned
     */
    public record App(
            @JsonProperty("appid") String appid,
            @JsonProperty("kind") Kind kind,
            @JsonProperty("name") String name,
            @JsonProperty("secret") String secret,
            @JsonProperty("web_auth_domains") List<String> webAuthDomains,
            @JsonProperty("auth_domains") List<String> authDomains,
            @JsonProperty("unionid_bound") boolean unionidBound) {

        public App {
            webAuthDomains = List.copyOf(Objects.requireNonNullElse(webAuthDomains, List.of()));
            authDomains = List.copyOf(Objects.requireNonNullElse(authDomains, List.of()));
        }

        /** The domains OAuth redirects may go to: the web_auth_domains or the auth_domains, by kind. */
        public List<String> redirectDomains() {
            return kind == Kind.WEBSITE ? authDomains : webAuthDomains;
        }
    }

    /**
     * A WeChat user. Openids are not stored: each is derived from the appid and the key, so they are stable across
     * runs and different per app, as real openids are.
     *
     * @param key a stable handle for tests and page element ids, e.g. {@code xiaoming}
     * @param sex 1 male, 2 female, 0 unknown (as {@code /sns/userinfo} reports it)
     * @param phone the verified phone number without country code
     * @param unionid the user's id across bound apps; derived from the key when the file leaves it out
     * @param blocked a high-risk account whose mini-program logins are refused (40226)
     */
    public record User(
            @JsonProperty("key") String key,
            @JsonProperty("nickname") String nickname,
            @JsonProperty("sex") int sex,
            @JsonProperty("province") String province,
            @JsonProperty("city") String city,
            @JsonProperty("country") String country,
            @JsonProperty("headimgurl") String headimgurl,
            @JsonProperty("phone") String phone,
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("unionid") String unionid,
            @JsonProperty("blocked") boolean blocked) {

        public User {
            province = Objects.requireNonNullElse(province, "");
            city = Objects.requireNonNullElse(city, "");
            country = Objects.requireNonNullElse(country, "");
            headimgurl = Objects.requireNonNullElse(headimgurl, "");
            countryCode = Objects.requireNonNullElse(countryCode, "86");
            if (unionid == null && key != null) {
                unionid = derivedId("unionid", "", key);
            }
        }

        /** The user's openid in {@code appid}: 28 characters, stable, different for every app. */
        public String openidFor(String appid) {
            return derivedId("openid", appid, key);
        }

        /** The openid of the virtual account the user has on the snapshot page (快照页) of {@code appid}. */
        public String snapshotOpenidFor(String appid) {
            return derivedId("snapshot-openid", appid, key);
        }

        /** The unionid of that virtual account, which differs from the real one (fact sheet B1.1). */
        public String snapshotUnionidFor(String appid) {
            return derivedId("snapshot-unionid", appid, key);
        }

        /** The number as {@code getPhoneNumber} shows it: with the country code only outside mainland China. */
        public String phoneNumber() {
            return countryCode.equals("86") ? phone : "+" + countryCode + phone;
        }

        private static String derivedId(String purpose, String appid, String key) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest((purpose + "\n" + appid + "\n" + key).getBytes(StandardCharsets.UTF_8));
                // Real openids and unionids are "o" plus 27 URL-safe characters.
                return "o"
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(digest)
                                .substring(0, 27);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
