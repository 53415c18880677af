package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Guest;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import io.wegate.sandbox.wecom.token.AccessTokens;

/**
 * The rules both code exchanges share, the current {@code auth/getuserinfo} and the legacy {@code user/getuserinfo}
 * (fact sheet A3.1, A3.2): token first, then the single-use code, then who signed in. The two endpoints differ only in
 * how they spell the answer.
 */
public final class CodeExchange {

    private final WeComDirectory directory;
    private final AccessTokens tokens;
    private final AuthCodes codes;
    private final UserTickets tickets;

    public CodeExchange(WeComDirectory directory, AccessTokens tokens, AuthCodes codes, UserTickets tickets) {
        this.directory = directory;
        this.tokens = tokens;
        this.codes = codes;
        this.tickets = tickets;
    }

    /**
     * Consumes {@code code} for the app that owns {@code accessToken}.
     *
     * @throws WeComException 41001 / 40014 / 42001 for the token, 41008 if the code is missing, 40029 / 50001 as
     *     {@link AuthCodes#redeem} says
     */
    public SignIn exchange(String accessToken, String code) {
        // The token is checked before the code is touched, so a token error leaves the code usable for a retry.
        App app = tokens.authenticate(accessToken);
        if (code == null) {
            throw new WeComException(WeComError.CODE_MISSING);
        }
        AuthCode redeemed = codes.redeem(code, app);
        if (redeemed.guest()) {
            Guest guest = directory.fixture().guest();
            return new SignIn.NonMember(guest.openid(), guest.externalUserid());
        }
        Member member =
                directory.member(redeemed.userid()).orElseThrow(() -> new WeComException(WeComError.INVALID_CODE));
        // The ticket needs both the consent scope and the member inside the exchanging app's visible range.
        String ticket = redeemed.scope() == Scope.SNSAPI_PRIVATEINFO && directory.canSee(app, member)
                ? tickets.issue(app.agentId(), member.userid())
                : null;
        return new SignIn.Member(member.userid(), ticket);
    }

    /** Who a redeemed code belongs to. */
    public sealed interface SignIn {

        /** A corp member; {@code userTicket} is null unless the sign-in qualified for one. */
        record Member(String userid, String userTicket) implements SignIn {}

        /** A WeChat user outside the corp; {@code externalUserid} is null unless they are a customer. */
        record NonMember(String openid, String externalUserid) implements SignIn {}
    }
}
