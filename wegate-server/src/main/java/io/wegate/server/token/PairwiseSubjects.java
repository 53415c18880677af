package io.wegate.server.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairwise subject identifiers (OpenID Connect Core 1.0, section 8.1): for a client registered with
 * {@code wegate.subject-type = pairwise}, {@code sub} is {@code base64url(HMAC-SHA256(secret,
 * client_id || 0x00 || account id))}: stable for one person and one client, different for every
 * client, and reveals nothing of the account id. The sector is the {@code client_id} (not the
 * redirect host): two clients never share a subject, and changing a client's redirect URIs never
 * changes its subjects.
 */
public final class PairwiseSubjects {

    /** The client setting that asks for pairwise subjects (see CONTRACTS: "wegate.subject-type"). */
    public static final String SETTING = "wegate.subject-type";

    public static final String PAIRWISE = "pairwise";

    private final Supplier<byte[]> secret;
    private volatile SecretKeySpec key;

    /** {@code secret}: the server secret, read once on first use (at least 32 bytes). */
    public PairwiseSubjects(Supplier<byte[]> secret) {
        this.secret = Objects.requireNonNull(secret, "secret must not be null");
    }

    /**
     * The {@code sub} {@code client} sees for the account in every token it gets (ID tokens,
     * UserInfo, logout tokens): its pairwise subject if it is registered with {@link #SETTING}
     * {@code pairwise}, the account id otherwise.
     */
    public String subject(
            String accountId, org.springframework.security.oauth2.server.authorization.client.RegisteredClient client) {
        return PAIRWISE.equals(client.getClientSettings().getSetting(SETTING))
                ? of(accountId, client.getClientId())
                : accountId;
    }

    /** The pairwise {@code sub} of {@code accountId} for {@code clientId}. */
    public String of(String accountId, String clientId) {
        Objects.requireNonNull(accountId, "accountId must not be null");
        Objects.requireNonNull(clientId, "clientId must not be null");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update(clientId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(accountId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code sub} is the pairwise subject of {@code accountId} for {@code clientId}. */
    public boolean matches(String sub, String accountId, String clientId) {
        return sub != null
                && clientId != null
                && java.security.MessageDigest.isEqual(
                        sub.getBytes(StandardCharsets.UTF_8),
                        of(accountId, clientId).getBytes(StandardCharsets.UTF_8));
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            byte[] s = secret.get();
            if (s == null || s.length < 32) {
                throw new IllegalStateException("the pairwise subject secret must have at least 32 bytes");
            }
            k = new SecretKeySpec(s, "HmacSHA256");
            key = k;
        }
        return k;
    }
}
