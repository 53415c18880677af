package io.wegate.server.oidc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The codes of the device authorization grant (RFC 8628), timed by wegate's clock: a device code of
 * 256 random bits, and a user code of 8 characters from the 20 consonants RFC 8628 section 6.1
 * suggests ({@code BCDFGHJKLMNPQRSTVWXZ}, shown as {@code XXXX-XXXX}: about 34 bits, guessed only
 * at the rate {@link DeviceVerificationGuard} allows within a code's few minutes).
 */
final class DeviceCodes {

    static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);
    static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);
    static final String USER_CODE_CHARACTERS = "BCDFGHJKLMNPQRSTVWXZ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCodes() {}

    /** Has the authorization server's device-authorization provider issue these codes. */
    static void use(OAuth2DeviceAuthorizationRequestAuthenticationProvider provider, Clock clock) {
        provider.setDeviceCodeGenerator(deviceCodes(clock));
        provider.setUserCodeGenerator(userCodes(clock));
    }

    static OAuth2TokenGenerator<OAuth2DeviceCode> deviceCodes(Clock clock) {
        return context -> {
            if (!is(context, DEVICE_CODE)) {
                return null;
            }
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            Instant now = clock.instant();
            return new OAuth2DeviceCode(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(b), now, expiry(context, now));
        };
    }

    static OAuth2TokenGenerator<OAuth2UserCode> userCodes(Clock clock) {
        return context -> {
            if (!is(context, USER_CODE)) {
                return null;
            }
            Instant now = clock.instant();
            return new OAuth2UserCode(userCode(), now, expiry(context, now));
        };
    }

    static String userCode() {
        StringBuilder b = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(USER_CODE_CHARACTERS.charAt(RANDOM.nextInt(USER_CODE_CHARACTERS.length())));
        }
        return b.toString();
    }

    private static boolean is(OAuth2TokenContext context, OAuth2TokenType type) {
        return context.getTokenType() != null
                && type.getValue().equals(context.getTokenType().getValue());
    }

    private static Instant expiry(OAuth2TokenContext context, Instant now) {
        return now.plus(context.getRegisteredClient().getTokenSettings().getDeviceCodeTimeToLive());
    }
}
