package io.wegate.server.oidc;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AccountView;
import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.account.Mobiles;
import io.wegate.server.token.PairwiseSubjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims of a wegate account per scope, from the account and the upstream identities linked to
 * it (their profile as the last login saw it). Every claim is documented in {@code docs/oidc.md}.
 *
 * <ul>
 *   <li>{@code profile}: {@code name} (the account's name), {@code preferred_username} (the WeCom
 *       userid, else the WeChat nickname; never to pairwise clients, for which the userid would be a
 *       correlatable id), {@code picture} (WeCom avatar from getuserdetail, else the WeChat
 *       headimgurl), {@code gender};
 *   <li>{@code email}: {@code email} and {@code email_verified}, true only when WeCom's
 *       getuserdetail returned that address (email or biz_mail);
 *   <li>{@code phone}: {@code phone_number} and {@code phone_number_verified}, true only when
 *       WeCom's getuserdetail or WeChat's phone-number API returned that number;
 *   <li>{@code wecom}: {@code {corpid, userid, departments, main_department, position}};
 *   <li>{@code wechat}: {@code {unionid, openid}}, the openid of the client's WeChat app.
 * </ul>
 *
 * ID tokens carry the {@code profile} and {@code email} claims; {@code phone}, {@code wecom} and
 * {@code wechat} come from UserInfo only (an ID token travels on as {@code id_token_hint} in logout
 * URLs).
 */
final class OidcUserClaims {

    /**
     * The client setting naming the WeChat appid whose openid the {@code wechat} claim carries; without it,
     * the openid of the WeChat app the person last logged in through.
     */
    static final String WECHAT_APPID_SETTING = "wegate.wechat-appid";

    private final AccountStore accounts;
    private final PairwiseSubjects pairwise;
    private final JsonMapper json;

    OidcUserClaims(AccountStore accounts, PairwiseSubjects pairwise, JsonMapper json) {
        this.accounts = Objects.requireNonNull(accounts, "accounts must not be null");
        this.pairwise = Objects.requireNonNull(pairwise, "pairwise must not be null");
        this.json = Objects.requireNonNull(json, "json must not be null");
    }

    static boolean isPairwise(RegisteredClient client) {
        return PairwiseSubjects.PAIRWISE.equals(client.getClientSettings().getSetting(PairwiseSubjects.SETTING));
    }

    /** The {@code sub} this client sees for the account: the account id, or its pairwise subject. */
    String subject(String accountId, RegisteredClient client) {
        return pairwise.subject(accountId, client);
    }

    /** The ID token's scope claims (profile, email). */
    Map<String, Object> idTokenClaims(String accountId, RegisteredClient client, Set<String> scopes) {
        return claims(accountId, client, scopes, Set.of(OidcScopes.PROFILE, OidcScopes.EMAIL));
    }

    /** UserInfo: {@code sub} and the claims of every granted scope. */
    Map<String, Object> userInfo(String accountId, RegisteredClient client, Set<String> scopes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", subject(accountId, client));
        c.putAll(claims(accountId, client, scopes, OidcScopes.CLAIMS.keySet()));
        return c;
    }

    private Map<String, Object> claims(
            String accountId, RegisteredClient client, Set<String> granted, Set<String> released) {
        Map<String, Object> c = new LinkedHashMap<>();
        Optional<Account> found = accounts.findAccount(accountId);
        if (found.isEmpty()) {
            return c;
        }
        Account account = found.get();
        List<Identity> identities = accounts.identitiesOf(accountId).stream()
                .map(i -> new Identity(i, parse(i.profile())))
                .toList();
        Optional<Identity> wecom =
                identities.stream().filter(i -> i.is("wecom")).findFirst();
        List<Identity> wechat = identities.stream().filter(i -> i.is("wechat")).toList();
        if (wants(granted, released, OidcScopes.PROFILE)) {
            put(c, "name", account.displayName());
            if (!isPairwise(client)) {
                put(
                        c,
                        "preferred_username",
                        wecom.map(i -> i.identity().subject()).orElseGet(() -> first(wechat, "nickname")));
            }
            put(c, "picture", wecom.map(i -> i.text("avatar")).orElseGet(() -> first(wechat, "headimgurl")));
            put(c, "gender", gender(wecom, wechat));
        }
        if (wants(granted, released, OidcScopes.EMAIL)) {
            String email = account.email() != null
                    ? account.email()
                    : wecom.map(i -> i.text("biz_mail")).orElse(null);
            if (email != null) {
                c.put("email", email);
                c.put(
                        "email_verified",
                        identities.stream()
                                .filter(i -> i.is("wecom"))
                                .anyMatch(i -> email.equalsIgnoreCase(i.text("email"))
                                        || email.equalsIgnoreCase(i.text("biz_mail"))));
            }
        }
        if (wants(granted, released, OidcScopes.PHONE) && account.mobile() != null) {
            String mobile = account.mobile();
            c.put("phone_number", mobile);
            c.put(
                    "phone_number_verified",
                    identities.stream()
                            .anyMatch(i -> (i.is("wecom") && mobile.equals(Mobiles.normalize(null, i.text("mobile"))))
                                    || (i.is("wechat") && mobile.equals(i.text("phone_number")))));
        }
        if (wants(granted, released, OidcScopes.WECOM) && wecom.isPresent()) {
            c.put("wecom", wecom(accountId, wecom.get()));
        }
        if (wants(granted, released, OidcScopes.WECHAT) && !wechat.isEmpty()) {
            Map<String, Object> w = wechat(client, wechat);
            if (!w.isEmpty()) {
                c.put("wechat", w);
            }
        }
        return c;
    }

    private static boolean wants(Set<String> granted, Set<String> released, String scope) {
        return granted.contains(scope) && released.contains(scope);
    }

    private Map<String, Object> wecom(String accountId, Identity id) {
        Map<String, Object> w = new LinkedHashMap<>();
        String corp = id.identity().tenantId();
        w.put("corpid", corp);
        w.put("userid", id.identity().subject());
        // open_userid exists for third-party apps only; wegate's self-built apps never receive one
        put(w, "open_userid", id.text("open_userid"));
        Map<Long, String> names = new LinkedHashMap<>();
        for (AccountView.DepartmentView d : accounts.departmentsOf(accountId)) {
            if (d.tenantId().equals(corp)) {
                names.put(d.id(), d.name());
            }
        }
        List<Long> ids = new ArrayList<>();
        JsonNode dept = id.profile().get("department");
        if (dept != null && dept.isArray()) {
            dept.forEach(n -> ids.add(n.asLong()));
        } else {
            ids.addAll(names.keySet());
        }
        List<Map<String, Object>> departments = new ArrayList<>();
        for (Long d : ids) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", d);
            put(one, "name", names.get(d));
            departments.add(one);
        }
        w.put("departments", departments);
        JsonNode main = id.profile().get("main_department");
        if (main != null && main.isNumber()) {
            w.put("main_department", main.asLong());
        }
        put(w, "position", id.text("position"));
        return w;
    }

    private static Map<String, Object> wechat(RegisteredClient client, List<Identity> wechat) {
        Map<String, Object> w = new LinkedHashMap<>();
        String unionId = wechat.stream()
                .filter(i -> IdentityKey.UNIONID.equals(i.identity().tenantId()))
                .map(i -> i.identity().subject())
                .findFirst()
                .orElseGet(() -> first(wechat, "unionid"));
        put(w, "unionid", unionId);
        Object app = client.getClientSettings().getSetting(WECHAT_APPID_SETTING);
        wechat.stream()
                .filter(i -> !IdentityKey.UNIONID.equals(i.identity().tenantId()))
                .filter(i -> app == null || app.equals(i.identity().tenantId()))
                .max(Comparator.comparing(i -> i.identity().lastLoginAt()))
                .ifPresent(i -> {
                    w.put("openid", i.identity().subject());
                    w.put("appid", i.identity().tenantId());
                });
        return w;
    }

    private static String gender(Optional<Identity> wecom, List<Identity> wechat) {
        // WeCom getuserdetail: "1" male, "2" female, "0" unknown; WeChat userinfo sex: 1, 2, 0
        String g = wecom.map(i -> i.text("gender")).orElseGet(() -> first(wechat, "sex"));
        return "1".equals(g) ? "male" : "2".equals(g) ? "female" : null;
    }

    private static String first(List<Identity> identities, String field) {
        return identities.stream()
                .map(i -> i.text(field))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof String s && s.isBlank())) {
            m.put(k, v);
        }
    }

    private JsonNode parse(String profile) {
        try {
            JsonNode n = json.readTree(profile == null ? "{}" : profile);
            return n != null && n.isObject() ? n : json.createObjectNode();
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private record Identity(ExternalIdentity identity, JsonNode profile) {
        boolean is(String provider) {
            return provider.equals(identity.provider());
        }

        String text(String field) {
            JsonNode n = profile.get(field);
            return n == null || n.isNull() || n.isContainer() ? null : n.asString();
        }
    }
}
