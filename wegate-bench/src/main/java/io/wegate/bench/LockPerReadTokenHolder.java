package io.wegate.bench;

import io.wegate.client.token.AccessToken;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The "lock on every read" token holder: every caller takes one {@link ReentrantLock}, checks the expiry and reads the
 * volatile token field under it, fetching a new token when it has expired. A common hand-written pattern (a
 * {@code synchronized getAccessToken()}), and the baseline that shows what serialising the hot path costs.
 *
 * <p>Note: this is <em>not</em> what WxJava ({@code weixin-java-cp}) does today. Its fields and lock are those of
 * {@code me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl} ({@code volatile String accessToken},
 * {@code volatile long expiresTime}, {@code Lock accessTokenLock = new ReentrantLock()}), but
 * {@code WxCpServiceImpl.getAccessToken(boolean)} (the {@code BaseWxCpServiceImpl} subclass) only takes that lock when
 * the token has expired: see {@link WxJavaStyleTokenHolder}, measured alongside.
 */
final class LockPerReadTokenHolder {

    private final ReentrantLock accessTokenLock = new ReentrantLock();
    private final Supplier<AccessToken> fetcher;
    private volatile String accessToken;
    private volatile long expiresTime;

    LockPerReadTokenHolder(Supplier<AccessToken> fetcher) {
        this.fetcher = fetcher;
    }

    String getAccessToken() {
        accessTokenLock.lock();
        try {
            if (System.currentTimeMillis() > expiresTime) {
                AccessToken token = fetcher.get();
                long expiresIn =
                        token.expiresAt().getEpochSecond() - token.obtainedAt().getEpochSecond();
                accessToken = token.value();
                // Same 200 s safety margin as WxCpDefaultConfigImpl.updateAccessToken.
                expiresTime = System.currentTimeMillis() + (expiresIn - 200) * 1000L;
            }
            return accessToken;
        } finally {
            accessTokenLock.unlock();
        }
    }
}
