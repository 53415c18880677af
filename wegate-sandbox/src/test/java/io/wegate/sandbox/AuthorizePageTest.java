package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static io.wegate.sandbox.TestSandbox.TRUSTED_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthorizePageTest {

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">");

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> authorize(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(k + "=" + encode(v)));
        return wecom.send("GET", "/connect/oauth2/authorize?" + query, null);
    }

    private static Map<String, String> params(String redirect, String scope, String state, String agentId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appid", CORP_ID);
        params.put("redirect_uri", redirect);
        params.put("response_type", "code");
        params.put("scope", scope);
        if (state != null) {
            params.put("state", state);
        }
        if (agentId != null) {
            params.put("agentid", agentId);
        }
        return params;
    }

    /** Does what a browser does when the button is clicked: posts the hidden fields plus the button's name/value. */
    private HttpResponse<String> pick(HttpResponse<String> page, String buttonName, String buttonValue) {
        StringJoiner form = new StringJoiner("&");
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            String value = hidden.group(2)
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
            form.add(hidden.group(1) + "=" + encode(value));
        }
        form.add(buttonName + "=" + encode(buttonValue));
        return wecom.send("POST", "/connect/oauth2/authorize/confirm", form.toString());
    }

    private static Map<String, String> callbackQuery(HttpResponse<String> redirect) {
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void authorizePageThenListsActiveMembersAndTheNonMemberWithStableIds() {
        HttpResponse<String> page = authorize(params(TRUSTED_REDIRECT, "snsapi_base", "abc123", NEW_APP));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(page.body())
                .contains("wegate 演示应用", "id=\"member-zhangsan\"", "张三", "研发部", "id=\"member-guest\"")
                .contains("非成员微信用户", "A WeChat user who is not a member")
                .doesNotContain("id=\"member-wujiu\"", "同意授权");
    }

    @Test
    void authorizePageWhenPrivateinfoThenShowsConsent() {
        HttpResponse<String> page = authorize(params(TRUSTED_REDIRECT, "snsapi_privateinfo", null, NEW_APP));

        assertThat(page.body()).contains("同意授权 / Allow");
    }

    @Test
    void confirmWhenMemberPickedThenRedirectsWithCodeAndStateAndCodeIdentifiesMember() {
        HttpResponse<String> page = authorize(params(TRUSTED_REDIRECT, "snsapi_base", "xyz789", NEW_APP));

        HttpResponse<String> redirect = pick(page, "userid", "zhangsan");
        Map<String, String> query = callbackQuery(redirect);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(TRUSTED_REDIRECT + "?code=");
        assertThat(query.get("state")).isEqualTo("xyz789");
        assertThat(query.get("code")).matches("[A-Za-z0-9_-]{20,512}");
        JsonNode identity = wecom.exchange(wecom.token(NEW_APP), query.get("code"));
        assertThat(identity.get("userid").asString()).isEqualTo("zhangsan");
    }

    @Test
    void confirmWhenNoStateAndRedirectHasQueryThenCodeAppendedWithAmpersandAndNoState() {
        String redirectUri = "http://localhost:8080/cb?next=%2Fhome&lang=zh";
        HttpResponse<String> page = authorize(params(redirectUri, "snsapi_base", null, NEW_APP));

        HttpResponse<String> redirect = pick(page, "guest", "1");
        String location = redirect.headers().firstValue("Location").orElseThrow();

        assertThat(location).startsWith(redirectUri + "&code=").doesNotContain("state=");
        JsonNode identity =
                wecom.exchange(wecom.token(NEW_APP), callbackQuery(redirect).get("code"));
        assertThat(identity.get("openid").asString()).isNotBlank();
    }

    @Test
    void authorizeWhenRedirectDomainNotTrustedThenErrorPage() {
        HttpResponse<String> page = authorize(params("http://localhost:9090/cb", "snsapi_base", null, NEW_APP));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("redirect_uri需使用应用可信域名", "redirect_uri must use the app&#39;s trusted domain");
    }

    @Test
    void authorizeWhenStateHasForbiddenCharactersOrIsTooLongThenErrorPage() {
        HttpResponse<String> dashed = authorize(params(TRUSTED_REDIRECT, "snsapi_base", "a-b", NEW_APP));
        HttpResponse<String> longState = authorize(params(TRUSTED_REDIRECT, "snsapi_base", "a".repeat(129), NEW_APP));
        HttpResponse<String> longestAllowed =
                authorize(params(TRUSTED_REDIRECT, "snsapi_base", "a".repeat(128), NEW_APP));

        assertThat(dashed.statusCode()).isEqualTo(400);
        assertThat(dashed.body()).contains("state参数错误");
        assertThat(longState.statusCode()).isEqualTo(400);
        assertThat(longestAllowed.statusCode()).isEqualTo(200);
    }

    @Test
    void authorizeWhenParametersInvalidThenReadableErrorPages() {
        Map<String, String> wrongAppid = params(TRUSTED_REDIRECT, "snsapi_base", null, NEW_APP);
        wrongAppid.put("appid", NEW_APP);
        Map<String, String> noRedirect = params(TRUSTED_REDIRECT, "snsapi_base", null, NEW_APP);
        noRedirect.remove("redirect_uri");
        Map<String, String> token = params(TRUSTED_REDIRECT, "snsapi_base", null, NEW_APP);
        token.put("response_type", "token");

        assertThat(authorize(wrongAppid).body()).contains("appid参数错误");
        assertThat(authorize(noRedirect).body()).contains("redirect_uri参数错误");
        assertThat(authorize(token).body()).contains("response_type参数错误");
        assertThat(authorize(params(TRUSTED_REDIRECT, "snsapi_userinfo", null, NEW_APP))
                        .body())
                .contains("scope参数错误");
        assertThat(authorize(params(TRUSTED_REDIRECT, "snsapi_base", null, "999"))
                        .body())
                .contains("无效的agentid参数");
    }

    @Test
    void authorizeWhenPrivateinfoWithoutAgentidThenTreatedAsBaseAndNoTicket() {
        HttpResponse<String> page = authorize(params(TRUSTED_REDIRECT, "snsapi_privateinfo", null, null));

        HttpResponse<String> redirect = pick(page, "userid", "lisi");
        JsonNode identity =
                wecom.exchange(wecom.token(OLD_APP), callbackQuery(redirect).get("code"));

        assertThat(page.body()).contains("示例科技有限公司", "snsapi_base");
        assertThat(identity.get("userid").asString()).isEqualTo("lisi");
        assertThat(identity.has("user_ticket")).isFalse();
    }

    @Test
    void authorizePageThenEchoedValuesAreHtmlEscaped() {
        HttpResponse<String> page = authorize(
                params("http://localhost:8080/cb?x=\"><script>alert(1)</script>", "snsapi_base", null, NEW_APP));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void confirmWhenHiddenFieldsTamperedThenRejected() {
        String form = "appid=" + CORP_ID + "&redirect_uri=" + encode("http://evil.example/") + "&response_type=code"
                + "&scope=snsapi_base&agentid=" + NEW_APP + "&userid=zhangsan";

        HttpResponse<String> response = wecom.send("POST", "/connect/oauth2/authorize/confirm", form);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("redirect_uri需使用应用可信域名");
    }
}
