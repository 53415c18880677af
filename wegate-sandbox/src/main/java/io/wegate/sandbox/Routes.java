package io.wegate.sandbox;

import io.wegate.sandbox.fault.FaultFilter;
import io.wegate.sandbox.fault.FaultRegistry;
import io.wegate.sandbox.fault.FaultsEndpoint;
import io.wegate.sandbox.http.Router;
import io.wegate.sandbox.stats.CallStats;
import io.wegate.sandbox.stats.StatsEndpoint;
import io.wegate.sandbox.tooling.CallbacksEndpoint;
import io.wegate.sandbox.tooling.ClockEndpoint;
import io.wegate.sandbox.tooling.CodesEndpoint;
import io.wegate.sandbox.tooling.EncryptedDataEndpoint;
import io.wegate.sandbox.tooling.FixtureEndpoint;
import io.wegate.sandbox.tooling.IndexPage;
import io.wegate.sandbox.tooling.WeChatMiniProgramFlow;
import io.wegate.sandbox.tooling.WeChatMpFlow;
import io.wegate.sandbox.tooling.WeChatOpenFlow;
import io.wegate.sandbox.tooling.WeChatPhoneFlow;
import io.wegate.sandbox.tooling.WeComMiniProgramFlow;
import io.wegate.sandbox.tooling.WeComQrFlow;
import io.wegate.sandbox.tooling.WeComWebFlow;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.miniprogram.CheckSessionEndpoint;
import io.wegate.sandbox.wechat.miniprogram.GetUserPhoneNumberEndpoint;
import io.wegate.sandbox.wechat.miniprogram.Jscode2SessionEndpoint;
import io.wegate.sandbox.wechat.miniprogram.MiniProgramSessions;
import io.wegate.sandbox.wechat.oauth.AuthorizeDispatch;
import io.wegate.sandbox.wechat.oauth.OfficialAccountConsent;
import io.wegate.sandbox.wechat.oauth.QrConnectConfirm;
import io.wegate.sandbox.wechat.oauth.QrConnectPage;
import io.wegate.sandbox.wechat.oauth.QrConnectPhonePage;
import io.wegate.sandbox.wechat.oauth.SnsAccessTokenEndpoint;
import io.wegate.sandbox.wechat.oauth.SnsAuthEndpoint;
import io.wegate.sandbox.wechat.oauth.SnsRefreshTokenEndpoint;
import io.wegate.sandbox.wechat.oauth.SnsUserInfoEndpoint;
import io.wegate.sandbox.wechat.oauth.WebAuthTokens;
import io.wegate.sandbox.wechat.token.AppTokens;
import io.wegate.sandbox.wechat.token.StableTokenEndpoint;
import io.wegate.sandbox.wechat.token.TokenEndpoint;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.contact.DepartmentGetEndpoint;
import io.wegate.sandbox.wecom.contact.DepartmentListEndpoint;
import io.wegate.sandbox.wecom.contact.DepartmentSimpleListEndpoint;
import io.wegate.sandbox.wecom.contact.UserGetEndpoint;
import io.wegate.sandbox.wecom.contact.UserListEndpoint;
import io.wegate.sandbox.wecom.contact.UserListIdEndpoint;
import io.wegate.sandbox.wecom.contact.UserSimpleListEndpoint;
import io.wegate.sandbox.wecom.miniprogram.MiniProgramSessionEndpoint;
import io.wegate.sandbox.wecom.miniprogram.WeComJsCodes;
import io.wegate.sandbox.wecom.oauth.AuthCodes;
import io.wegate.sandbox.wecom.oauth.AuthorizeConfirm;
import io.wegate.sandbox.wecom.oauth.AuthorizePage;
import io.wegate.sandbox.wecom.oauth.CodeExchange;
import io.wegate.sandbox.wecom.oauth.GetUserDetailEndpoint;
import io.wegate.sandbox.wecom.oauth.GetUserInfoEndpoint;
import io.wegate.sandbox.wecom.oauth.UserGetUserInfoEndpoint;
import io.wegate.sandbox.wecom.oauth.UserTickets;
import io.wegate.sandbox.wecom.sso.SsoConfirm;
import io.wegate.sandbox.wecom.sso.SsoConfirmPage;
import io.wegate.sandbox.wecom.sso.SsoLoginPage;
import io.wegate.sandbox.wecom.token.AccessTokens;
import io.wegate.sandbox.wecom.token.DailyQuota;
import io.wegate.sandbox.wecom.token.GettokenEndpoint;
import java.util.List;

/** Wires the endpoints of one sandbox to their shared state; the one place that lists every route. */
final class Routes {

    private Routes() {}

    /** The state a sandbox shares between its endpoints and its Java API. */
    record Wiring(
            SandboxClock clock,
            WeComDirectory directory,
            AccessTokens tokens,
            DailyQuota quota,
            WeChatDirectory wechat,
            AppTokens wechatTokens,
            DailyQuota wechatQuota,
            CallStats stats,
            FaultRegistry faults,
            Runnable invalidateTokens,
            CallbacksEndpoint callbacks) {}

    static Router build(Wiring w) {
        ErrMsg errMsg = new ErrMsg(w.clock());
        WeChatErrMsg wechatErrMsg = new WeChatErrMsg(w.clock());
        // Stats outermost: a call answered by a fault still counts, with the fault's errcode.
        Router router = new Router(List.of(w.stats(), new FaultFilter(w.faults(), errMsg, wechatErrMsg)));
        WeComState wecom = wecom(router, w, errMsg);
        WeChatState wechat = wechat(router, w, wechatErrMsg, wecom.authorizePage());

        CodesEndpoint codes = new CodesEndpoint(List.of(
                new WeComWebFlow(w.directory(), wecom.codes()),
                new WeComQrFlow(w.directory(), wecom.ssoConfirm()),
                new WeComMiniProgramFlow(w.directory(), wecom.jsCodes()),
                new WeChatMpFlow(w.wechat(), wechat.consent()),
                new WeChatOpenFlow(w.wechat(), wechat.qrConfirm()),
                new WeChatMiniProgramFlow(w.wechat(), wechat.codes()),
                new WeChatPhoneFlow(w.wechat(), wechat.codes())));
        IndexPage index = new IndexPage(w.directory(), w.wechat());
        FixtureEndpoint fixture = new FixtureEndpoint(w.directory(), w.wechat());
        EncryptedDataEndpoint encryptedData = new EncryptedDataEndpoint(w.clock(), w.wechat(), wechat.sessions());
        StatsEndpoint statsEndpoint = new StatsEndpoint(w.stats());
        FaultsEndpoint faultsEndpoint = new FaultsEndpoint(w.faults(), router.upstreamPaths(), w.invalidateTokens());
        ClockEndpoint clockEndpoint = new ClockEndpoint(w.clock());
        return router.tooling("GET", "/", index::get)
                .tooling("GET", FixtureEndpoint.PATH, fixture::get)
                .tooling("POST", CodesEndpoint.PATH, codes::post)
                .tooling("POST", EncryptedDataEndpoint.PATH, encryptedData::post)
                .tooling("GET", StatsEndpoint.PATH, statsEndpoint::get)
                .tooling("DELETE", StatsEndpoint.PATH, statsEndpoint::delete)
                .tooling("GET", FaultsEndpoint.PATH, faultsEndpoint::get)
                .tooling("POST", FaultsEndpoint.PATH, faultsEndpoint::post)
                .tooling("DELETE", FaultsEndpoint.PATH, faultsEndpoint::delete)
                .tooling("GET", ClockEndpoint.PATH, clockEndpoint::get)
                .tooling("POST", ClockEndpoint.PATH, clockEndpoint::post)
                .tooling("POST", CallbacksEndpoint.PATH, w.callbacks()::configure)
                .tooling("GET", CallbacksEndpoint.PATH, w.callbacks()::deliveries)
                .tooling("POST", CallbacksEndpoint.MEMBERS_PATH, w.callbacks()::member)
                .tooling("POST", CallbacksEndpoint.REVOCATIONS_PATH, w.callbacks()::revocation)
                .tooling("POST", CallbacksEndpoint.FAULTS_PATH, w.callbacks()::fault)
                .tooling("DELETE", CallbacksEndpoint.FAULTS_PATH, w.callbacks()::clearFaults);
    }

    /** What the WeCom routes share with the tooling. */
    private record WeComState(
            AuthCodes codes, WeComJsCodes jsCodes, SsoConfirm ssoConfirm, AuthorizePage authorizePage) {}

    private static WeComState wecom(Router router, Wiring w, ErrMsg errMsg) {
        WeComDirectory directory = w.directory();
        AccessTokens tokens = w.tokens();
        AuthCodes codes = new AuthCodes(w.clock(), directory);
        UserTickets tickets = new UserTickets(w.clock());
        WeComJsCodes jsCodes = new WeComJsCodes(w.clock());
        SsoConfirm ssoConfirm = new SsoConfirm(directory, codes);
        AuthorizePage authorizePage = new AuthorizePage(directory);
        CodeExchange exchange = new CodeExchange(directory, tokens, codes, tickets);
        router.upstream(
                        "GET",
                        GettokenEndpoint.PATH,
                        new GettokenEndpoint(errMsg, w.clock(), directory, tokens, w.quota()))
                .upstream("GET", GetUserInfoEndpoint.PATH, new GetUserInfoEndpoint(errMsg, exchange))
                // the legacy spelling of the same exchange, still called by WxJava and JustAuth
                .upstream("GET", UserGetUserInfoEndpoint.PATH, new UserGetUserInfoEndpoint(errMsg, exchange))
                .upstream(
                        "POST",
                        GetUserDetailEndpoint.PATH,
                        new GetUserDetailEndpoint(errMsg, directory, tokens, tickets))
                .upstream("GET", UserGetEndpoint.PATH, new UserGetEndpoint(errMsg, directory, tokens))
                .upstream("GET", UserSimpleListEndpoint.PATH, new UserSimpleListEndpoint(errMsg, directory, tokens))
                .upstream("GET", UserListEndpoint.PATH, new UserListEndpoint(errMsg, directory, tokens))
                .upstream("POST", UserListIdEndpoint.PATH, new UserListIdEndpoint(errMsg, directory, tokens))
                .upstream("GET", DepartmentListEndpoint.PATH, new DepartmentListEndpoint(errMsg, directory, tokens))
                .upstream(
                        "GET",
                        DepartmentSimpleListEndpoint.PATH,
                        new DepartmentSimpleListEndpoint(errMsg, directory, tokens))
                .upstream("GET", DepartmentGetEndpoint.PATH, new DepartmentGetEndpoint(errMsg, directory, tokens))
                .upstream(
                        "GET",
                        MiniProgramSessionEndpoint.PATH,
                        new MiniProgramSessionEndpoint(errMsg, directory, tokens, jsCodes))
                .upstream("POST", AuthorizeConfirm.PATH, new AuthorizeConfirm(directory, codes))
                .upstream("GET", SsoLoginPage.PATH, new SsoLoginPage(directory, false))
                .upstream("GET", SsoLoginPage.LEGACY_PATH, new SsoLoginPage(directory, true))
                .upstream("GET", SsoConfirmPage.PATH, new SsoConfirmPage(directory))
                .upstream("POST", SsoConfirm.PATH, ssoConfirm);
        return new WeComState(codes, jsCodes, ssoConfirm, authorizePage);
    }

    /** What the WeChat routes share with the tooling. */
    private record WeChatState(
            WeChatCodes codes,
            MiniProgramSessions sessions,
            OfficialAccountConsent consent,
            QrConnectConfirm qrConfirm) {}

    private static WeChatState wechat(Router router, Wiring w, WeChatErrMsg errMsg, AuthorizePage wecomPage) {
        WeChatDirectory directory = w.wechat();
        AppTokens appTokens = w.wechatTokens();
        WeChatCodes codes = new WeChatCodes(w.clock());
        WebAuthTokens webTokens = new WebAuthTokens(w.clock());
        MiniProgramSessions sessions = new MiniProgramSessions(w.clock());
        OfficialAccountConsent consent = new OfficialAccountConsent(directory, codes);
        QrConnectConfirm qrConfirm = new QrConnectConfirm(directory, codes);
        // One URL for both products: the appid decides whether WeCom's or WeChat's page answers.
        router.upstream("GET", AuthorizePage.PATH, new AuthorizeDispatch(directory, wecomPage))
                .upstream("POST", OfficialAccountConsent.PATH, consent)
                .upstream("GET", QrConnectPage.PATH, new QrConnectPage(directory))
                .upstream("GET", QrConnectPhonePage.PATH, new QrConnectPhonePage(directory))
                .upstream("POST", QrConnectConfirm.PATH, qrConfirm)
                .upstream(
                        "GET",
                        SnsAccessTokenEndpoint.PATH,
                        new SnsAccessTokenEndpoint(errMsg, directory, codes, webTokens))
                .upstream(
                        "GET", SnsRefreshTokenEndpoint.PATH, new SnsRefreshTokenEndpoint(errMsg, directory, webTokens))
                .upstream("GET", SnsUserInfoEndpoint.PATH, new SnsUserInfoEndpoint(errMsg, directory, webTokens))
                .upstream("GET", SnsAuthEndpoint.PATH, new SnsAuthEndpoint(errMsg, webTokens))
                .upstream(
                        "GET",
                        Jscode2SessionEndpoint.PATH,
                        new Jscode2SessionEndpoint(errMsg, w.clock(), directory, codes, sessions))
                .upstream(
                        "POST",
                        GetUserPhoneNumberEndpoint.PATH,
                        new GetUserPhoneNumberEndpoint(errMsg, w.clock(), directory, appTokens, codes))
                .upstream("GET", CheckSessionEndpoint.PATH, new CheckSessionEndpoint(errMsg, appTokens, sessions))
                .upstream("GET", TokenEndpoint.PATH, new TokenEndpoint(errMsg, directory, appTokens, w.wechatQuota()))
                .upstream(
                        "POST",
                        StableTokenEndpoint.PATH,
                        new StableTokenEndpoint(errMsg, directory, appTokens, w.wechatQuota()));
        return new WeChatState(codes, sessions, consent, qrConfirm);
    }
}
