package io.wegate.server.account;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: the account behind a Bearer access token. */
@RestController
class MeController {

    private final AccountStore accounts;

    MeController(AccountStore accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/me")
    AccountView me(@AuthenticationPrincipal Jwt jwt) {
        Account account = accounts.findAccount(jwt.getSubject())
                .filter(a -> Account.ACTIVE.equals(a.status()))
                .orElseThrow(() -> new ApiException(GatewayError.UNAUTHORIZED));
        return AccountView.of(account, accounts.identitiesOf(account.id()), accounts.departmentsOf(account.id()));
    }
}
