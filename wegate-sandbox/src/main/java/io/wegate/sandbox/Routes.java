package io.wegate.sandbox;

import io.wegate.sandbox.fault.FaultFilter;
import io.wegate.sandbox.fault.FaultRegistry;
import io.wegate.sandbox.fault.FaultsEndpoint;
import io.wegate.sandbox.http.Router;
import io.wegate.sandbox.stats.CallStats;
import io.wegate.sandbox.stats.StatsEndpoint;
import io.wegate.sandbox.tooling.ClockEndpoint;
import io.wegate.sandbox.tooling.CodesEndpoint;
import io.wegate.sandbox.tooling.FixtureEndpoint;
import io.wegate.sandbox.tooling.IndexPage;
import io.wegate.sandbox.tooling.WeComWebFlow;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.contact.UserGetEndpoint;
import io.wegate.sandbox.wecom.oauth.AuthCodes;
import io.wegate.sandbox.wecom.oauth.AuthorizeConfirm;
import io.wegate.sandbox.wecom.oauth.AuthorizePage;
import io.wegate.sandbox.wecom.oauth.GetUserDetailEndpoint;
import io.wegate.sandbox.wecom.oauth.GetUserInfoEndpoint;
import io.wegate.sandbox.wecom.oauth.UserTickets;
import io.wegate.sandbox.wecom.token.AccessTokens;
import io.wegate.sandbox.wecom.token.DailyQuota;
import io.wegate.sandbox.wecom.token.GettokenEndpoint;
import java.util.List;

/** Wires the endpoints of one sandbox to their shared state; the one place that lists every route. */
final class Routes {

    private Routes() {}

    static Router build(
            SandboxClock clock,
            WeComDirectory directory,
            AccessTokens tokens,
            DailyQuota quota,
            CallStats stats,
            FaultRegistry faults) {
        ErrMsg errMsg = new ErrMsg(clock);
        AuthCodes codes = new AuthCodes(clock, directory);
        UserTickets tickets = new UserTickets(clock);
        // Stats outermost: a call answered by a fault still counts, with the fault's errcode.
        Router router = new Router(List.of(stats, new FaultFilter(faults, errMsg)));

        router.upstream("GET", GettokenEndpoint.PATH, new GettokenEndpoint(errMsg, clock, directory, tokens, quota))
                .upstream(
                        "GET",
                        GetUserInfoEndpoint.PATH,
                        new GetUserInfoEndpoint(errMsg, directory, tokens, codes, tickets))
                .upstream(
                        "POST",
                        GetUserDetailEndpoint.PATH,
                        new GetUserDetailEndpoint(errMsg, directory, tokens, tickets))
                .upstream("GET", UserGetEndpoint.PATH, new UserGetEndpoint(errMsg, directory, tokens))
                .upstream("GET", AuthorizePage.PATH, new AuthorizePage(directory))
                .upstream("POST", AuthorizeConfirm.PATH, new AuthorizeConfirm(directory, codes));

        IndexPage index = new IndexPage(directory);
        FixtureEndpoint fixture = new FixtureEndpoint(directory);
        CodesEndpoint codesEndpoint = new CodesEndpoint(List.of(new WeComWebFlow(directory, codes)));
        StatsEndpoint statsEndpoint = new StatsEndpoint(stats);
        FaultsEndpoint faultsEndpoint = new FaultsEndpoint(faults, router.upstreamPaths(), tokens::invalidateAll);
        ClockEndpoint clockEndpoint = new ClockEndpoint(clock);
        return router.tooling("GET", "/", index::get)
                .tooling("GET", FixtureEndpoint.PATH, fixture::get)
                .tooling("POST", CodesEndpoint.PATH, codesEndpoint::post)
                .tooling("GET", StatsEndpoint.PATH, statsEndpoint::get)
                .tooling("DELETE", StatsEndpoint.PATH, statsEndpoint::delete)
                .tooling("GET", FaultsEndpoint.PATH, faultsEndpoint::get)
                .tooling("POST", FaultsEndpoint.PATH, faultsEndpoint::post)
                .tooling("DELETE", FaultsEndpoint.PATH, faultsEndpoint::delete)
                .tooling("GET", ClockEndpoint.PATH, clockEndpoint::get)
                .tooling("POST", ClockEndpoint.PATH, clockEndpoint::post);
    }
}
