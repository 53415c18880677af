package io.wegate.server.account;

import java.util.List;
import java.util.Objects;

/**
 * A successful upstream login, as the account service needs it.
 *
 * @param key the identity the upstream guarantees (see {@link IdentityKey})
 * @param aliases other keys of the same person in this login (a WeChat openid beside its unionid),
 *     so that a later login that only has the alias finds the same account
 * @param appId the app the login came through
 * @param displayName the person's name at the upstream, or null; names a new account (or one that
 *     only had a placeholder name), never used to match accounts
 * @param verifiedMobile a mobile number the upstream verified ({@link Mobiles#normalize}), or null
 * @param email an email the upstream returned, or null
 * @param profile the upstream profile snapshot as JSON
 */
public record ExternalLogin(
        IdentityKey key,
        List<IdentityKey> aliases,
        String appId,
        String displayName,
        String verifiedMobile,
        String email,
        String profile) {

    public ExternalLogin {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(appId, "appId must not be null");
        Objects.requireNonNull(profile, "profile must not be null");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (displayName != null && displayName.isBlank()) {
            displayName = null;
        }
    }

    /** What an account is called until a login brings a real name: WeChat's own word for it, or the userid. */
    public String placeholderName() {
        return key.provider().equals("wechat") ? "微信用户" : key.subject();
    }

    /** The key first, then the aliases. */
    public List<IdentityKey> allKeys() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(key), aliases.stream())
                .toList();
    }
}
