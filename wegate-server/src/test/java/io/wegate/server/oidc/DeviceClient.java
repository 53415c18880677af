package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import tools.jackson.databind.JsonNode;

/** A device (a CLI, a TV) of the device authorization grant, over plain HTTP: what RFC 8628 has it do. */
record DeviceClient(Gateway g, String base) {

    static final String CLIENT_ID = "tv";
    static final String SECRET = "tv-secret";

    DeviceClient(Gateway g) {
        this(g, g.base());
    }

    /** Registers the device client (grant type {@code urn:ietf:params:oauth:grant-type:device_code}). */
    static void register(RegisteredClientRepository clients) {
        clients.save(RegisteredClient.withId("device-client-tv")
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope("profile")
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(true)
                        .setting("wegate.client-name", "客厅电视 Living-room TV")
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .deviceCodeTimeToLive(Duration.ofMinutes(5))
                        .reuseRefreshTokens(false)
                        .build())
                .build());
    }

    Http.Answer post(String path, String form) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Gateway.basic(CLIENT_ID, SECRET))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Step 1: the device authorization request; asserts success. */
    JsonNode authorize() {
        Http.Answer a = post("/oauth2/device_authorization", "scope=profile");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    /** One poll of the token endpoint. */
    Http.Answer poll(String deviceCode) {
        return post(
                "/oauth2/token",
                "grant_type=" + Gateway.enc("urn:ietf:params:oauth:grant-type:device_code") + "&device_code="
                        + Gateway.enc(deviceCode));
    }

    static String error(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        return a.json().get("error").asString();
    }

    /** The person with {@code cookie} opens the verification URI for {@code userCode}: where it sends them. */
    Http.Answer open(String userCode, String cookie) {
        return g.http()
                .get(base + "/oauth2/device_verification?user_code=" + Gateway.enc(userCode), Map.of("Cookie", cookie));
    }

    /** The consent page the verification endpoint sent the person to, then their answer. */
    Http.Answer answer(Http.Answer opened, String cookie, boolean approve) {
        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        String consentUrl = opened.header("Location");
        assertThat(consentUrl).contains("/oauth2/device_consent?");
        Http.Answer page = g.http().get(consentUrl, Map.of("Cookie", cookie));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("客厅电视 Living-room TV").contains("id=\"device-approve\"");
        String state = value(page.body(), "state");
        String userCode = value(page.body(), "user_code");
        String form = "client_id=" + CLIENT_ID + "&user_code=" + Gateway.enc(userCode) + "&state=" + Gateway.enc(state)
                + (approve ? "&scope=profile" : "");
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(base + "/oauth2/device_verification"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String value(String html, String name) {
        return html.replaceAll("(?s).*?name=\"" + name + "\" value=\"([^\"]+)\".*", "$1");
    }
}
