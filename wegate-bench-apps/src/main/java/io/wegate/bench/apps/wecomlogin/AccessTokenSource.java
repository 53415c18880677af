package io.wegate.bench.apps.wecomlogin;

/** Where a contender keeps its WeCom app access token: the one part in which the contenders differ. */
@FunctionalInterface
public interface AccessTokenSource {

    /** A token to call WeCom with, fetched with {@link WeComApi#gettoken()} when the source holds none it trusts. */
    String accessToken();
}
