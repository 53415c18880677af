package io.wegate.server.login.wechat;

import io.wegate.client.redact.Redactor;
import io.wegate.client.wechat.WeChatMiniProgramCrypto;
import io.wegate.client.wechat.WeChatPhoneNumber;
import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AccountView;
import io.wegate.server.account.Mobiles;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.ApiLogins;
import io.wegate.server.login.LoginCodes;
import io.wegate.server.token.TokenResponse;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.UpstreamClients;
import io.wegate.server.upstream.WeChatProperties.Kind;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat mini-program login ({@code wx.login} code, optionally a phone-number code) and, for a
 * logged-in mini program, the verified phone number from a phone code or a legacy
 * {@code encryptedData} decrypted with the session key wegate kept.
 */
@RestController
class WeChatMiniProgramLoginController {

    static final String FLOW = "wechat-miniprogram";

    /** The login body; {@code phone_code}, {@code app} and {@code link_ticket} are optional. */
    record LoginRequest(String code, String phoneCode, String app, String linkTicket) {
        @Override
        public String toString() {
            return "LoginRequest[code=" + Redactor.MASK + ", phoneCode=" + Redactor.MASK + ", app=" + app + "]";
        }
    }

    /** The phone body: a phone code, or the legacy {@code encrypted_data} and {@code iv}. */
    record PhoneRequest(String phoneCode, String encryptedData, String iv) {
        @Override
        public String toString() {
            return "PhoneRequest[" + Redactor.MASK + "]";
        }
    }

    private final ApiLogins api;
    private final LoginApps apps;
    private final WeChatLoginService logins;
    private final MiniProgramSessions sessions;
    private final UpstreamClients clients;
    private final AccountStore accounts;
    private final Clock clock;

    WeChatMiniProgramLoginController(
            ApiLogins api,
            LoginApps apps,
            WeChatLoginService logins,
            MiniProgramSessions sessions,
            UpstreamClients clients,
            AccountStore accounts,
            Clock clock) {
        this.api = api;
        this.apps = apps;
        this.logins = logins;
        this.sessions = sessions;
        this.clients = clients;
        this.accounts = accounts;
        this.clock = clock;
    }

    @PostMapping(value = "/api/v1/login/wechat-miniprogram", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        LoginRequest b = body == null ? new LoginRequest(null, null, null, null) : body;
        return api.login(FLOW, true, request, b.linkTicket(), () -> {
            ApiLogins.requireCode(b.code());
            return logins.exchangeMiniProgram(apps.wechat(Kind.MINIPROGRAM, b.app()), FLOW, b.code(), b.phoneCode());
        });
    }

    /** Records the phone number of the logged-in mini-program user, verified by WeChat. */
    @PostMapping(value = "/api/v1/login/wechat-miniprogram/phone", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountView> phone(@AuthenticationPrincipal Jwt jwt, @RequestBody PhoneRequest body) {
        MiniProgramSessions.Session session = sessions.get(jwt.getClaimAsString("sid"))
                .orElseThrow(() -> new ApiException(
                        GatewayError.INVALID_REQUEST, "this access token is not from a mini-program login"));
        var app = apps.wechatByAppId(session.appId())
                .orElseThrow(() -> new ApiException(GatewayError.UNKNOWN_APP, session.appId()));
        WeChatPhoneNumber phone;
        if (body != null && body.phoneCode() != null) {
            LoginCodes.require(body.phoneCode());
            phone = clients.wechat(app).miniProgram().phoneNumber(app.app(), body.phoneCode(), session.openId());
        } else if (body != null && body.encryptedData() != null && body.iv() != null) {
            try {
                phone = WeChatMiniProgramCrypto.phone(WeChatMiniProgramCrypto.decrypt(
                        session.sessionKey(), body.encryptedData(), body.iv(), session.appId()));
            } catch (WeChatMiniProgramCrypto.DecryptionException e) {
                throw new ApiException(GatewayError.INVALID_ENCRYPTED_DATA, null, null, e);
            }
        } else {
            throw new ApiException(GatewayError.INVALID_REQUEST, "send phone_code, or encrypted_data and iv");
        }
        String mobile = Mobiles.normalize(phone.countryCode(), phone.purePhoneNumber());
        if (mobile == null) {
            // a phone_info without a number is WeChat's fault; encrypted data without one is the client's
            // (typically a wx.getUserInfo payload sent here)
            throw body.phoneCode() != null
                    ? new ApiException(GatewayError.UPSTREAM_REJECTED, "WeChat returned no usable phone number")
                    : new ApiException(GatewayError.INVALID_ENCRYPTED_DATA, "it holds no phone number");
        }
        Account account =
                accounts.findAccount(jwt.getSubject()).orElseThrow(() -> new ApiException(GatewayError.UNAUTHORIZED));
        accounts.fillContact(account.id(), mobile, null, clock.instant());
        Account updated = accounts.findAccount(account.id()).orElseThrow();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(AccountView.of(updated, accounts.identitiesOf(updated.id())));
    }
}
