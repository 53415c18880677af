package io.wegate.bench;

import io.wegate.client.token.AccessToken;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A faithful small reimplementation of how WxJava ({@code weixin-java-cp}, github.com/binarywang/WxJava) caches the
 * WeCom access token in memory: the fields of {@code me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl}
 * ({@code volatile String accessToken}, {@code volatile long expiresTime}, {@code Lock accessTokenLock}, a
 * {@code synchronized updateAccessToken} that keeps a 200 s margin, {@code isAccessTokenExpired()} as
 * {@code System.currentTimeMillis() > expiresTime}), and the double-checked {@code getAccessToken(boolean)} of
 * {@code me.chanjar.weixin.cp.api.impl.WxCpServiceImpl} (which extends {@code BaseWxCpServiceImpl}): the lock is taken
 * only when the token has expired, so a valid token costs two volatile reads and a clock read.
 */
final class WxJavaStyleTokenHolder {

    private final Supplier<AccessToken> fetcher;
    // WxCpDefaultConfigImpl
    private volatile String accessToken;
    private final Lock accessTokenLock = new ReentrantLock();
    private volatile long expiresTime;

    WxJavaStyleTokenHolder(Supplier<AccessToken> fetcher) {
        this.fetcher = fetcher;
    }

    // WxCpServiceImpl.getAccessToken(false)
    String getAccessToken() {
        if (!isAccessTokenExpired()) {
            return accessToken;
        }
        Lock lock = accessTokenLock;
        lock.lock();
        try {
            if (!isAccessTokenExpired()) {
                return accessToken;
            }
            AccessToken token = fetcher.get();
            updateAccessToken(token.value(), (int)
                    (token.expiresAt().getEpochSecond() - token.obtainedAt().getEpochSecond()));
        } finally {
            lock.unlock();
        }
        return accessToken;
    }

    // WxCpDefaultConfigImpl
    private boolean isAccessTokenExpired() {
        return System.currentTimeMillis() > expiresTime;
    }

    private synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
        this.accessToken = accessToken;
        this.expiresTime = System.currentTimeMillis() + (expiresInSeconds - 200) * 1000L;
    }
}
