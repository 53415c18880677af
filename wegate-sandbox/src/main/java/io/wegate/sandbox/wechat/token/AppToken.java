package io.wegate.sandbox.wechat.token;

import java.time.Instant;

/**
 * An app access_token from either series, see <a
 * href="https://developers.weixin.qq.com/doc/service/api/base/api_getaccesstoken">获取 Access Token</a>.
 *
 * @param revokedAt when a newer token of the same series took over ({@code /cgi-bin/token}: 5 minutes after the next
 *     call; a forced stable refresh: at once), or {@code null} while the token is the latest
 */
public record AppToken(String value, String appid, Instant expiresAt, Instant revokedAt) {

    /** The end of the token's usable life. */
    public Instant end() {
        return revokedAt != null && revokedAt.isBefore(expiresAt) ? revokedAt : expiresAt;
    }

    /** This token, usable until {@code at} at the latest. */
    AppToken revokedBy(Instant at) {
        return revokedAt != null && !revokedAt.isAfter(at) ? this : new AppToken(value, appid, expiresAt, at);
    }
}
