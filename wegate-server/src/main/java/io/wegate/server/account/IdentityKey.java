package io.wegate.server.account;

import java.util.Objects;

/**
 * What an upstream guarantees to identify a person by: WeCom {@code wecom / corpid / userid};
 * WeChat {@code wechat / unionid / <unionid>} when there is one, else {@code wechat / appid /
 * openid}. Never a display name.
 */
public record IdentityKey(String provider, String tenantId, String subject) {

    /** The tenant of WeChat identities keyed on unionid (one unionid space per Open Platform account). */
    public static final String UNIONID = "unionid";

    public IdentityKey {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }

    public static IdentityKey wecom(String corpId, String userId) {
        return new IdentityKey("wecom", corpId, userId);
    }

    public static IdentityKey wechatUnionId(String unionId) {
        return new IdentityKey("wechat", UNIONID, unionId);
    }

    public static IdentityKey wechatOpenId(String appId, String openId) {
        return new IdentityKey("wechat", appId, openId);
    }
}
