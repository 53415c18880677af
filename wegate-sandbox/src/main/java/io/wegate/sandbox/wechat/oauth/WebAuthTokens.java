package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wechat.WeChatIds;
import io.wegate.sandbox.wecom.ExpiringStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Web-authorisation tokens and their refresh tokens, see <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsrefreshtoken">刷新网页授权
 * access_token</a> (fact sheet B1.2, B1.3).
 */
public final class WebAuthTokens {

    public static final Duration LIFETIME = Duration.ofSeconds(7200);
    /**
     * 30 days, as the official-account and website docs say. The mobile-app doc says 180 days and not renewable (Part
     * D); the sandbox follows the two docs of the flows it simulates, and a refresh does not extend it.
     */
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    /** Expired tokens are remembered this long so that using one answers 42001 / 42002 rather than 40014 / 40030. */
    private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);

    private final Clock clock;
    private final ExpiringStore<WebToken> tokens;
    private final ExpiringStore<Refresh> refreshes;

    public WebAuthTokens(Clock clock) {
        this.clock = clock;
        this.tokens = new ExpiringStore<>(clock, t -> t.expiresAt().plus(REMEMBER_EXPIRED));
        this.refreshes = new ExpiringStore<>(clock, r -> r.expiresAt().plus(REMEMBER_EXPIRED));
    }

    /** A token pair for an exchanged code. */
    public Grant grant(WeChatCode code, OAuthIdentity identity) {
        Instant now = clock.instant();
        WebToken token = new WebToken(
                WeChatIds.accessToken(),
                code.appid(),
                code.userKey(),
                identity.openid(),
                identity.unionid(),
                code.scope(),
                code.snapshot(),
                now.plus(LIFETIME));
        tokens.put(token.value(), token);
        Refresh refresh =
                new Refresh(WeChatIds.refreshToken(), code.appid(), token.value(), now.plus(REFRESH_LIFETIME));
        refreshes.put(refresh.value(), refresh);
        return new Grant(token, refresh.value(), LIFETIME.toSeconds());
    }

    /**
     * B1.3: the same access token with a renewed expiry while it is still valid, a new one once it has expired.
     *
     * @throws WeChatException 40030 if unknown or issued to another app, 42002 if expired
     */
    public synchronized Grant refresh(String appid, String refreshToken) {
        Refresh refresh = refreshes.get(refreshToken);
        if (refresh == null || !refresh.appid().equals(appid)) {
            throw new WeChatException(WeChatError.INVALID_REFRESH_TOKEN);
        }
        Instant now = clock.instant();
        if (!now.isBefore(refresh.expiresAt())) {
            throw new WeChatException(WeChatError.REFRESH_TOKEN_EXPIRED);
        }
        WebToken current = tokens.get(refresh.accessToken());
        if (current == null) {
            throw new WeChatException(WeChatError.INVALID_REFRESH_TOKEN);
        }
        WebToken next = now.isBefore(current.expiresAt())
                ? current.renewedUntil(now.plus(LIFETIME))
                : new WebToken(
                        WeChatIds.accessToken(),
                        current.appid(),
                        current.userKey(),
                        current.openid(),
                        current.unionid(),
                        current.scope(),
                        current.snapshot(),
                        now.plus(LIFETIME));
        tokens.put(next.value(), next);
        refreshes.put(refresh.value(), new Refresh(refresh.value(), appid, next.value(), refresh.expiresAt()));
        return new Grant(next, refresh.value(), LIFETIME.toSeconds());
    }

    /**
     * The token's grant, for {@code /sns/userinfo} and {@code /sns/auth}.
     *
     * @throws WeChatException 41001 if missing, 40014 if unknown (an app token included), 42001 if expired
     */
    public WebToken authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new WeChatException(WeChatError.ACCESS_TOKEN_MISSING);
        }
        WebToken found = tokens.get(token);
        if (found == null) {
            throw new WeChatException(WeChatError.INVALID_ACCESS_TOKEN);
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            throw new WeChatException(WeChatError.ACCESS_TOKEN_EXPIRED);
        }
        return found;
    }

    /**
     * An access token with the refresh token that renews it.
     *
     * @param expiresIn the lifetime the token was issued (or renewed) with, for {@code expires_in}: both calls answer
     *     a token that is fresh at that moment, and measuring what is left on a ticking clock a moment later would
     *     round 7199.99 s down to 7199
     */
    public record Grant(WebToken token, String refreshToken, long expiresIn) {}

    private record Refresh(String value, String appid, String accessToken, Instant expiresAt) {}
}
