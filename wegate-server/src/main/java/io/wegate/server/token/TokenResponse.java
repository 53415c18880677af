package io.wegate.server.token;

import io.wegate.client.redact.Redactor;
import io.wegate.server.account.AccountView;

/** What a successful login or refresh returns (RFC 6749 section 5.1 names). */
public record TokenResponse(
        String accessToken, String tokenType, long expiresIn, String refreshToken, AccountView account) {

    @Override
    public String toString() {
        return "TokenResponse[accessToken=" + Redactor.MASK + ", expiresIn=" + expiresIn + ", refreshToken="
                + Redactor.MASK + ", account=" + (account == null ? null : account.id()) + "]";
    }
}
