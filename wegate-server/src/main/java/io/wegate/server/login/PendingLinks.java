package io.wegate.server.login;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountService;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AuditLog;
import io.wegate.server.account.ExternalLogin;
import io.wegate.server.account.LinkIntent;
import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An explicit link waiting for the person's yes: kept in the browser's own session (so only that
 * browser can answer it), with a one-time form token, until the state's deadline.
 */
@Component
public final class PendingLinks {

    static final String ATTRIBUTE = "wegate.pending-link";

    /** The link being asked about. */
    record Pending(
            String token,
            String accountId,
            String loginId,
            String returnTo,
            ExternalLogin external,
            String flow,
            long expiresAt) {}

    private final JsonMapper json;
    private final AccountStore accounts;
    private final AccountService accountService;
    private final AuditLog audit;
    private final LoginStates states;
    private final Clock clock;

    public PendingLinks(
            JsonMapper json,
            AccountStore accounts,
            AccountService accountService,
            AuditLog audit,
            LoginStates states,
            Clock clock) {
        this.json = json;
        this.accounts = accounts;
        this.accountService = accountService;
        this.audit = audit;
        this.states = states;
        this.clock = clock;
    }

    /** Keeps the link in this browser's session and returns the page that asks to confirm it. */
    String ask(HttpServletRequest request, LoginState s, UpstreamLogin u) {
        Pending p = new Pending(
                states.randomString(43),
                s.link().accountId(),
                s.link().loginId(),
                s.returnTo(),
                u.external(),
                s.flow(),
                s.expiresAt().toEpochMilli());
        request.getSession(false).setAttribute(ATTRIBUTE, json.writeValueAsString(p));
        Account account = accounts.findAccount(p.accountId()).orElseThrow();
        return page(p, account);
    }

    /**
     * The person's answer: the pending link of this session, if the form token matches and the
     * same login is still present; removed whatever the answer.
     */
    Optional<Pending> answer(HttpServletRequest request, String token, String presentLoginId) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String stored)) {
            return Optional.empty();
        }
        Pending p = json.readValue(stored, Pending.class);
        if (token == null
                || !MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), p.token().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        if (!p.loginId().equals(presentLoginId) || clock.millis() >= p.expiresAt()) {
            refused(new LinkIntent(p.accountId(), p.loginId()), "the confirmation came too late or from another login");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    Account confirm(Pending p) {
        return accountService.link(p.external(), p.accountId());
    }

    void declined(Pending p) {
        audit.record(p.accountId(), "link_declined", p.external().key(), "the account holder declined the link");
    }

    void refused(LinkIntent link, String why) {
        audit.record(link.accountId(), "link_refused", null, why);
    }

    private static String page(Pending p, Account account) {
        boolean wecom = p.external().key().provider().equals("wecom");
        String who = p.external().displayName() != null
                ? p.external().displayName()
                : p.external().key().subject();
        String upstreamZh = wecom ? "企业微信" : "微信";
        String upstreamEn = wecom ? "WeCom" : "WeChat";
        String body = "<h1>确认关联 / Confirm the link</h1><div class=\"card warn\">"
                + "<p id=\"link-question-zh\">将" + upstreamZh + "身份「<strong>" + Pages.esc(who)
                + "</strong>」关联到您的账号「<strong>" + Pages.esc(account.displayName()) + "</strong>」？"
                + "关联后即可用该身份登录此账号。</p>"
                + "<p id=\"link-question\">Attach the " + upstreamEn + " identity <strong>" + Pages.esc(who)
                + "</strong> to your account <strong>" + Pages.esc(account.displayName())
                + "</strong>? Afterwards it logs in to this account.</p>"
                + "<p><small>如果不是您本人发起的关联，请选择取消。 If you did not ask for this, cancel.</small></p>"
                + "</div><form method=\"post\" action=\"/login/link/confirm\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + Pages.esc(p.token()) + "\">"
                + "<button class=\"btn\" id=\"link-confirm\" name=\"decision\" value=\"confirm\">确认关联 / Link</button> "
                + "<button class=\"btn secondary\" id=\"link-cancel\" name=\"decision\" value=\"cancel\">取消 / Cancel</button>"
                + "</form>";
        return Pages.layout("确认关联 / Confirm the link", body);
    }

    /** Where the browser goes after answering. */
    static String returnTo(Pending p) {
        return p.returnTo() == null ? "/" : p.returnTo();
    }
}
