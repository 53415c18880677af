package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.StoredValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization store's contract for every kind of token the authorization server keeps (the
 * device flow's and a pending consent's state included): found by its value, with or without its
 * type, stored only as a hash, the presented value given back and no other; and a change made to a
 * stale copy is refused.
 */
@GatewayTest
class OidcAuthorizationsTest {

    @Autowired
    OAuth2AuthorizationService authorizations;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    DataSource dataSource;

    private OAuth2Authorization pending(String state, String code, String userCode, String deviceCode) {
        RegisteredClient client = clients.findByClientId(OidcClient.DEMO_ID);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OAuth2Authorization.withRegisteredClient(client)
                .id(UUID.randomUUID().toString())
                .principalName(OidcClient.DEMO_ID)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizedScopes(Set.of("openid"))
                .attribute(OAuth2ParameterNames.STATE, state)
                .attribute(OAuth2ParameterNames.SCOPE, Set.of("openid", "profile"))
                .token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(60)))
                .token(new OAuth2UserCode(userCode, now, now.plusSeconds(300)))
                .token(new OAuth2DeviceCode(deviceCode, now, now.plusSeconds(300)))
                .build();
    }

    private static String secret() {
        return io.wegate.server.support.Gateway.newVerifier();
    }

    @Test
    void whenEveryKindOfTokenIsSavedThenEachFindsItByValueAndNoValueIsStored() {
        String state = secret();
        String code = secret();
        String userCode = "WDJB-MJHT-" + secret().substring(0, 12);
        String deviceCode = secret();
        OAuth2Authorization saved = pending(state, code, userCode, deviceCode);

        authorizations.save(saved);

        StoredValues.assertNoneStored(dataSource, List.of(state, code, userCode, deviceCode));
        record Lookup(String value, String type) {}
        for (Lookup l : List.of(
                new Lookup(state, OAuth2ParameterNames.STATE),
                new Lookup(code, OAuth2ParameterNames.CODE),
                new Lookup(userCode, OAuth2ParameterNames.USER_CODE),
                new Lookup(deviceCode, OAuth2ParameterNames.DEVICE_CODE))) {
            for (OAuth2TokenType type : new OAuth2TokenType[] {new OAuth2TokenType(l.type()), null}) {
                OAuth2Authorization found = authorizations.findByToken(l.value(), type);
                assertThat(found).as(l.type() + " " + type).isNotNull();
                assertThat(found.getId()).isEqualTo(saved.getId());
                assertThat(found.<Set<String>>getAttribute(OAuth2ParameterNames.SCOPE))
                        .containsExactlyInAnyOrder("openid", "profile");
                // the presented value is there, and none of the others
                if (l.type().equals(OAuth2ParameterNames.STATE)) {
                    assertThat(found.<String>getAttribute(OAuth2ParameterNames.STATE))
                            .isEqualTo(state);
                } else {
                    assertThat(found.getToken(l.value())).isNotNull();
                }
                for (String other : List.of(state, code, userCode, deviceCode)) {
                    if (!other.equals(l.value())) {
                        assertThat(found.getToken(other)).isNull();
                        assertThat(found.getAttributes().toString()).doesNotContain(other);
                    }
                }
            }
        }
        // a token of another type does not find it, nor does a placeholder presented as a token
        assertThat(authorizations.findByToken(code, OAuth2TokenType.ACCESS_TOKEN))
                .isNull();
        OAuth2Authorization byCode = authorizations.findByToken(code, new OAuth2TokenType(OAuth2ParameterNames.CODE));
        String placeholder = byCode.getToken(OAuth2DeviceCode.class).getToken().getTokenValue();
        assertThat(placeholder).doesNotContain(deviceCode);
        assertThat(authorizations.findByToken(placeholder, null)).isNull();
    }

    @Test
    void whenAStaleCopyIsSavedAfterAnotherChangeThenItIsRefusedAndTheFirstChangeStands() {
        String code = secret();
        String deviceCode = secret();
        authorizations.save(pending(secret(), code, secret(), deviceCode));
        OAuth2Authorization one = authorizations.findByToken(deviceCode, null);
        OAuth2Authorization two = authorizations.findByToken(deviceCode, null);

        authorizations.save(OAuth2Authorization.from(one)
                .invalidate(one.getToken(OAuth2DeviceCode.class).getToken())
                .build());

        assertThatThrownBy(() -> authorizations.save(OAuth2Authorization.from(two)
                        .attribute("changed", "yes")
                        .build()))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("changed meanwhile");
        OAuth2Authorization now = authorizations.findByToken(code, new OAuth2TokenType(OAuth2ParameterNames.CODE));
        assertThat(now.getToken(OAuth2DeviceCode.class).isInvalidated()).isTrue();
        assertThat(now.<String>getAttribute("changed")).isNull();
        // the code, untouched by the change, is still found and still valid
        assertThat(now.getToken(code).isActive()).isTrue();
    }

    @Test
    void whenRemovedThenNoTokenFindsIt() {
        String deviceCode = secret();
        authorizations.save(pending(secret(), secret(), secret(), deviceCode));

        authorizations.remove(authorizations.findByToken(deviceCode, null));

        assertThat(authorizations.findByToken(deviceCode, null)).isNull();
    }
}
