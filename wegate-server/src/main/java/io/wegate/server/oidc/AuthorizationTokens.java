package io.wegate.server.oidc;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The kinds of token an authorization holds, each with its columns in {@code oidc_authorization}
 * ({@code <prefix>_hash}, {@code _issued_at}, {@code _expires_at}, {@code _metadata}), and the
 * placeholder that stands for a token's value when the token was not the one presented: only its
 * hash is stored, so its value cannot be given back; the placeholder is not a secret and can never
 * match a presented token (a presented value is looked up by its hash, and no stored hash is the
 * hash of a placeholder).
 */
enum AuthorizationTokens {
    STATE("state", null, "state"),
    CODE("code", OAuth2AuthorizationCode.class, "code"),
    ACCESS("access_token", OAuth2AccessToken.class, "access_token"),
    ID("id_token", OidcIdToken.class, "id_token"),
    REFRESH("refresh_token", OAuth2RefreshToken.class, "refresh_token"),
    USER_CODE("user_code", OAuth2UserCode.class, "user_code"),
    DEVICE_CODE("device_code", OAuth2DeviceCode.class, "device_code");

    private static final String PLACEHOLDER = "[stored as SHA-256 ";

    /** The column prefix. */
    final String column;

    /** The token class in {@link OAuth2Authorization}; null for the {@code state} attribute. */
    final Class<? extends OAuth2Token> type;

    /** The {@link OAuth2TokenType#getValue()} that asks for this kind. */
    final String tokenType;

    AuthorizationTokens(String column, Class<? extends OAuth2Token> type, String tokenType) {
        this.column = column;
        this.type = type;
        this.tokenType = tokenType;
    }

    String hashColumn() {
        return column + "_hash";
    }

    /** The kind asked for by {@code tokenType}; null for an unknown type. */
    static AuthorizationTokens of(OAuth2TokenType tokenType) {
        for (AuthorizationTokens t : values()) {
            if (t.tokenType.equals(tokenType.getValue())) {
                return t;
            }
        }
        return null;
    }

    /** The value that stands for a token known only by its hash. */
    static String placeholder(String hash) {
        return PLACEHOLDER + hash + "]";
    }

    /** The hash of a token: the one a placeholder stands for, or that of a real value. */
    static String hashOf(String value, java.util.function.UnaryOperator<String> sha256) {
        if (value.startsWith(PLACEHOLDER) && value.endsWith("]")) {
            return value.substring(PLACEHOLDER.length(), value.length() - 1);
        }
        return sha256.apply(value);
    }

    /** A token of this kind (not {@link #STATE}). */
    OAuth2Token token(
            String value,
            Instant issuedAt,
            Instant expiresAt,
            Map<String, Object> metadata,
            OAuth2AccessToken.TokenType accessTokenType,
            Set<String> scopes) {
        return switch (this) {
            case CODE -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
            case ACCESS -> new OAuth2AccessToken(accessTokenType, value, issuedAt, expiresAt, scopes);
            case ID -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> claims =
                        (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
                yield new OidcIdToken(value, issuedAt, expiresAt, claims == null ? Map.of("sub", "") : claims);
            }
            case REFRESH -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
            case USER_CODE -> new OAuth2UserCode(value, issuedAt, expiresAt);
            case DEVICE_CODE -> new OAuth2DeviceCode(value, issuedAt, expiresAt);
            case STATE -> throw new IllegalStateException("state is an attribute, not a token");
        };
    }
}
