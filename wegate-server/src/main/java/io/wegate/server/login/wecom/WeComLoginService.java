package io.wegate.server.login.wecom;

import io.wegate.client.wecom.WeComClient;
import io.wegate.client.wecom.WeComUser;
import io.wegate.client.wecom.WeComUserDetail;
import io.wegate.client.wecom.WeComUserInfo;
import io.wegate.server.account.Account;
import io.wegate.server.account.AccountService;
import io.wegate.server.account.ExternalLogin;
import io.wegate.server.upstream.WeComUpstream;
import io.wegate.server.web.ApiException;
import io.wegate.server.web.GatewayError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a WeCom login code into a local account: {@code auth/getuserinfo}, then the member's
 * profile ({@code user/get}) and, with {@code snsapi_privateinfo}, the consented details
 * ({@code auth/getuserdetail}); the identity is keyed on corpid + userid.
 */
@Service
public class WeComLoginService {

    public static final String PROVIDER = "wecom";

    private final WeComClient client;
    private final WeComUpstream upstream;
    private final AccountService accounts;
    private final JsonMapper json;

    public WeComLoginService(WeComClient client, WeComUpstream upstream, AccountService accounts, JsonMapper json) {
        this.client = client;
        this.upstream = upstream;
        this.accounts = accounts;
        this.json = json;
    }

    public Account login(String code) {
        if (code == null
                || code.isBlank()
                || code.length() > 512
                || !code.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ApiException(GatewayError.INVALID_CODE);
        }
        WeComUserInfo info = client.auth().getUserInfo(upstream.app(), code);
        if (!(info instanceof WeComUserInfo.Member member)) {
            throw new ApiException(GatewayError.NOT_A_MEMBER);
        }
        WeComUser user = upstream.fetchProfile() ? client.users().get(upstream.app(), member.userId()) : null;
        WeComUserDetail detail =
                member.userTicket() == null ? null : client.auth().getUserDetail(upstream.app(), member.userTicket());
        return accounts.login(new ExternalLogin(
                PROVIDER,
                upstream.app().corpId(),
                member.userId(),
                upstream.app().agentId(),
                user == null ? null : user.name(),
                detail != null ? detail.mobile() : user == null ? null : user.mobile(),
                detail != null ? detail.email() : user == null ? null : user.email(),
                profile(member, user, detail)));
    }

    private String profile(WeComUserInfo.Member member, WeComUser user, WeComUserDetail detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userid", member.userId());
        if (user != null) {
            put(p, "name", user.name());
            p.put("department", user.departments());
            put(p, "main_department", user.mainDepartment());
            put(p, "position", user.position());
            put(p, "status", user.status());
        }
        if (detail != null) {
            put(p, "gender", detail.gender());
            put(p, "avatar", detail.avatar());
            put(p, "mobile", detail.mobile());
            put(p, "email", detail.email());
            put(p, "biz_mail", detail.bizMail());
        }
        String s = json.writeValueAsString(p);
        // the column holds 4000 characters; a profile that large is pathological, keep the key
        return s.length() <= 4000 ? s : json.writeValueAsString(Map.of("userid", member.userId()));
    }

    private static void put(Map<String, Object> p, String k, Object v) {
        if (v != null) {
            p.put(k, v);
        }
    }
}
