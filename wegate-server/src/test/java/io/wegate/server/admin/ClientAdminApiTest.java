package io.wegate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.oidc.OidcClientRegistry;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.web.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relying parties registered at run time, over real HTTP: RFC 7591 metadata in and out of {@code
 * /api/v1/admin/clients}, the secret shown once and stored hashed, the new client completing the
 * OpenID Connect code flow with it, changes and removal taking effect at once, clients of the
 * configuration out of the API's reach, bad metadata refused with the RFC's error and nothing
 * stored, {@code --register-client}, and every change audited.
 */
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.oidc.clients[0].client-id=configured-app",
            "wegate.oidc.clients[0].client-secret={noop}configured-secret",
            "wegate.oidc.clients[0].redirect-uris=https://configured.example.test/cb",
        })
class ClientAdminApiTest {

    private static final String REDIRECT = "https://app.example.test/login/callback";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OidcClientRegistry registry;

    @Autowired
    AdminAudit audit;

    @Autowired
    JsonMapper json;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private static Map<String, Object> metadata(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_name", "Test app");
        m.put("redirect_uris", List.of(REDIRECT));
        m.put("scope", "openid profile");
        m.put("first_party", true);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                m.remove((String) pairs[i]);
            } else {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    /** Good private_key_jwt metadata, with {@code pairs} changed. */
    private static Map<String, Object> privateKeyJwt(Object... pairs) {
        Map<String, Object> m = metadata(
                "token_endpoint_auth_method", "private_key_jwt", "jwks_uri", "https://app.example.test/jwks.json");
        m.putAll(metadata(pairs));
        return m;
    }

    private JsonNode create(Map<String, Object> metadata) {
        Http.Answer a = g().admin("POST", "/api/v1/admin/clients", metadata);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    private String loggedInBrowser(Gateway g, String userid) {
        return g.browserLogin("/login/wecom?return_to=/", r -> g.code(userid, "snsapi_base", r))
                .sessionCookie();
    }

    private Http.Answer authorize(Gateway g, String clientId, String redirect, String cookie, String verifier) {
        String query = "/oauth2/authorize?response_type=code&client_id=" + Gateway.enc(clientId)
                + "&scope=openid%20profile&state=st-1&nonce=n-1&redirect_uri=" + Gateway.enc(redirect)
                + (verifier == null
                        ? ""
                        : "&code_challenge=" + Gateway.challenge(verifier) + "&code_challenge_method=S256");
        return g.http().get(g.base() + query, cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    private String code(Gateway g, String clientId, String cookie, String verifier) {
        Http.Answer a = authorize(g, clientId, REDIRECT, cookie, verifier);
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        assertThat(a.header("Location")).startsWith(REDIRECT + "?code=");
        return a.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    private static Http.Answer tokenBasic(Gateway g, String clientId, String secret, String form) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Gateway.basic(clientId, secret))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static Http.Answer tokenPost(Gateway g, String clientId, String secret, String form) {
        return g.http()
                .postRaw(
                        g.base() + "/oauth2/token",
                        "application/x-www-form-urlencoded",
                        form + "&client_id=" + Gateway.enc(clientId) + "&client_secret=" + Gateway.enc(secret));
    }

    private static String exchange(String code, String verifier) {
        return "grant_type=authorization_code&code=" + code + "&redirect_uri=" + Gateway.enc(REDIRECT)
                + "&code_verifier=" + verifier;
    }

    private int rows() {
        return jdbc.sql("select count(*) from oidc_client").query(Integer.class).single();
    }

    @Test
    void whenRegisteredThenTheAnswerIsRfc7591WithTheSecretOnceAndTheClientCompletesTheCodeFlowWithIt() {
        Gateway g = g();
        JsonNode c = create(metadata());
        String clientId = c.get("client_id").asString();
        String secret = c.get("client_secret").asString();

        assertThat(clientId).matches("wg-[A-Za-z0-9_-]{22}");
        assertThat(secret).hasSize(43);
        assertThat(c.get("client_secret_expires_at").asLong()).isZero();
        assertThat(c.get("client_id_issued_at").asLong()).isPositive();
        assertThat(c.get("token_endpoint_auth_method").asString()).isEqualTo("client_secret_basic");
        assertThat(c.get("grant_types").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(c.get("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(c.get("redirect_uris").toString()).isEqualTo("[\"" + REDIRECT + "\"]");
        assertThat(c.get("scope").asString()).isEqualTo("openid profile");
        assertThat(c.get("subject_type").asString()).isEqualTo("public");
        assertThat(c.get("id_token_signed_response_alg").asString()).isEqualTo("RS256");
        assertThat(c.get("first_party").asBoolean()).isTrue();

        String cookie = loggedInBrowser(g, "lisi");
        String verifier = Gateway.newVerifier();
        String code = code(g, clientId, cookie, verifier);
        // the wrong secret (and the right one by the method this client did not register) gets nothing
        assertThat(tokenBasic(g, clientId, secret + "x", exchange(code, verifier))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_client");
        assertThat(tokenPost(g, clientId, secret, exchange(code, verifier)).status())
                .isEqualTo(401);
        Http.Answer tokens = tokenBasic(g, clientId, secret, exchange(code, verifier));

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(Gateway.claims(tokens.json().get("id_token").asString())
                        .get("aud")
                        .toString())
                .contains(clientId);
    }

    @Test
    void whenRegisteredForClientSecretPostThenPostAuthenticatesAndBasicDoesNot() {
        Gateway g = g();
        JsonNode c = create(metadata("token_endpoint_auth_method", "client_secret_post"));
        String clientId = c.get("client_id").asString();
        String secret = c.get("client_secret").asString();
        String cookie = loggedInBrowser(g, "wangwu");
        String verifier = Gateway.newVerifier();
        String code = code(g, clientId, cookie, verifier);

        assertThat(tokenBasic(g, clientId, secret, exchange(code, verifier)).status())
                .isEqualTo(401);
        assertThat(tokenPost(g, clientId, "wrong", exchange(code, verifier))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_client");
        Http.Answer tokens = tokenPost(g, clientId, secret, exchange(code, verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().has("id_token")).isTrue();
    }

    @Test
    void whenReadOrListedThenTheSecretIsNeverThereAndTheDatabaseHoldsOnlyItsHash() {
        Gateway g = g();
        JsonNode c = create(metadata());
        String clientId = c.get("client_id").asString();
        String secret = c.get("client_secret").asString();

        Http.Answer one = g.admin("GET", "/api/v1/admin/clients/" + clientId, null);
        Http.Answer all = g.admin("GET", "/api/v1/admin/clients", null);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("client_name").asString()).isEqualTo("Test app");
        assertThat(one.json().get("source").asString()).isEqualTo("api");
        assertThat(one.body()).doesNotContain(secret).doesNotContain("client_secret\"");
        assertThat(all.body()).contains(clientId).contains("configured-app").doesNotContain(secret);
        assertThat(all.body()).doesNotContain("client_secret\"").doesNotContain("sha256");
        String stored = jdbc.sql("select client_secret from oidc_client where client_id = ?")
                .param(clientId)
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo("{sha256}" + Sha256.hex(secret)).doesNotContain(secret);
        String configured = jdbc.sql("select client_secret from oidc_client where client_id = ?")
                .param("configured-app")
                .query(String.class)
                .single();
        assertThat(configured).isEqualTo("{sha256}" + Sha256.hex("configured-secret"));
    }

    @Test
    void whenRedirectUrisReplacedThenTheOldOneIsRefusedAtAuthorizeAndTheNewOneWorks() {
        Gateway g = g();
        JsonNode c = create(metadata());
        String clientId = c.get("client_id").asString();
        String cookie = loggedInBrowser(g, "zhaoliu");
        String next = "https://app.example.test/login/callback2";
        code(g, clientId, cookie, Gateway.newVerifier());

        Http.Answer put = g.admin("PUT", "/api/v1/admin/clients/" + clientId, metadata("redirect_uris", List.of(next)));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().has("client_secret")).isFalse();
        assertThat(put.json().get("redirect_uris").toString()).isEqualTo("[\"" + next + "\"]");
        Http.Answer old = authorize(g, clientId, REDIRECT, cookie, Gateway.newVerifier());
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.header("Location")).isNull();
        Http.Answer now = authorize(g, clientId, next, cookie, Gateway.newVerifier());
        assertThat(now.status()).as(now.body()).isEqualTo(302);
        assertThat(now.header("Location")).startsWith(next + "?code=");
    }

    @Test
    void whenDeletedThenTheClientCanNoLongerAuthenticateAndIsGone() {
        Gateway g = g();
        JsonNode c = create(metadata());
        String clientId = c.get("client_id").asString();
        String secret = c.get("client_secret").asString();
        String verifier = Gateway.newVerifier();
        String code = code(g, clientId, loggedInBrowser(g, "sunqi"), verifier);

        Http.Answer deleted = g.admin("DELETE", "/api/v1/admin/clients/" + clientId, null);

        assertThat(deleted.status()).isEqualTo(204);
        Http.Answer token = tokenBasic(g, clientId, secret, exchange(code, verifier));
        assertThat(token.status()).isEqualTo(401);
        assertThat(token.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(g.admin("GET", "/api/v1/admin/clients/" + clientId, null).status())
                .isEqualTo(404);
        assertThat(g.admin("DELETE", "/api/v1/admin/clients/" + clientId, null).status())
                .isEqualTo(404);
    }

    @Test
    void whenTheSecretIsRotatedThenOnlyTheNewOneAuthenticates() {
        Gateway g = g();
        JsonNode c = create(metadata());
        String clientId = c.get("client_id").asString();
        String old = c.get("client_secret").asString();

        Http.Answer rotated = g.admin("POST", "/api/v1/admin/clients/" + clientId + "/secret", null);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String secret = rotated.json().get("client_secret").asString();
        assertThat(secret).isNotEqualTo(old).hasSize(43);
        String cookie = loggedInBrowser(g, "zhouba");
        String verifier = Gateway.newVerifier();
        String code = code(g, clientId, cookie, verifier);
        assertThat(tokenBasic(g, clientId, old, exchange(code, verifier)).status())
                .isEqualTo(401);
        assertThat(tokenBasic(g, clientId, secret, exchange(code, verifier)).status())
                .isEqualTo(200);
    }

    @Test
    void whenAConfiguredClientIsChangedThroughTheApiThenConflictAndItStaysAsConfigured() {
        Gateway g = g();
        String path = "/api/v1/admin/clients/configured-app";
        assertThat(g.admin("GET", path, null).json().get("source").asString()).isEqualTo("configuration");

        List<Http.Answer> answers = List.of(
                g.admin("PUT", path, metadata()),
                g.admin("DELETE", path, null),
                g.admin("POST", path + "/secret", null));

        for (Http.Answer a : answers) {
            assertThat(a.status()).as(a.body()).isEqualTo(409);
            assertThat(a.json().get("error").asString()).isEqualTo("client_from_configuration");
            assertThat(a.json().get("message").asString()).contains("wegate.oidc.clients");
            assertThat(a.json().has("message_zh")).isTrue();
        }
        JsonNode still = g.admin("GET", path, null).json();
        assertThat(still.get("redirect_uris").toString()).isEqualTo("[\"https://configured.example.test/cb\"]");
        assertThat(jdbc.sql("select client_secret from oidc_client where client_id = 'configured-app'")
                        .query(String.class)
                        .single())
                .isEqualTo("{sha256}" + Sha256.hex("configured-secret"));
    }

    @Test
    void whenTheClientIsUnknownThenNotFound() {
        Gateway g = g();
        for (String[] call : new String[][] {
            {"GET", "/api/v1/admin/clients/wg-nobody"},
            {"PUT", "/api/v1/admin/clients/wg-nobody"},
            {"DELETE", "/api/v1/admin/clients/wg-nobody"},
            {"POST", "/api/v1/admin/clients/wg-nobody/secret"}
        }) {
            Http.Answer a = g.admin(call[0], call[1], call[0].equals("PUT") ? metadata() : null);
            assertThat(a.status()).as(call[0] + " " + a.body()).isEqualTo(404);
            assertThat(a.json().get("error").asString()).isEqualTo("unknown_client");
        }
    }

    @Test
    void whenTheMetadataIsBadThenTheRfc7591ErrorAndNothingStored() {
        Gateway g = g();
        Object[][] cases = {
            {metadata("redirect_uris", null), "invalid_redirect_uri", "redirect_uris is required"},
            {metadata("redirect_uris", List.of()), "invalid_redirect_uri", "redirect_uris is required"},
            {metadata("redirect_uris", List.of(REDIRECT + "#frag")), "invalid_redirect_uri", "fragment"},
            {metadata("redirect_uris", List.of("http://app.example.test/cb")), "invalid_redirect_uri", "loopback"},
            {metadata("redirect_uris", List.of("https://*.example.test/cb")), "invalid_redirect_uri", "wildcard"},
            {metadata("redirect_uris", List.of("/relative/cb")), "invalid_redirect_uri", "not absolute"},
            {metadata("redirect_uris", List.of("javascript:alert(1)")), "invalid_redirect_uri", "scheme"},
            {metadata("redirect_uris", List.of("https://user@app.example.test/cb")), "invalid_redirect_uri", "user"},
            {metadata("redirect_uris", REDIRECT), "invalid_client_metadata", "array"},
            {metadata("grant_types", List.of("implicit")), "invalid_client_metadata", "implicit"},
            {metadata("grant_types", List.of("client_credentials")), "invalid_client_metadata", "client_credentials"},
            {metadata("grant_types", List.of("refresh_token")), "invalid_client_metadata", "refresh_token alone"},
            {metadata("response_types", List.of("token")), "invalid_client_metadata", "token"},
            {metadata("token_endpoint_auth_method", "client_secret_jwt"), "invalid_client_metadata", "client_secret_jwt"
            },
            {metadata("token_endpoint_auth_method", "private_key_jwt"), "invalid_client_metadata", "jwks_uri"},
            {
                metadata("token_endpoint_auth_method", "private_key_jwt", "jwks", Map.of("keys", List.of())),
                "invalid_client_metadata",
                "jwks"
            },
            {metadata("subject_type", "random"), "invalid_client_metadata", "subject_type"},
            {metadata("id_token_signed_response_alg", "none"), "invalid_client_metadata", "RS256"},
            {metadata("id_token_signed_response_alg", "HS256"), "invalid_client_metadata", "RS256"},
            {metadata("scope", "openid bad\"scope"), "invalid_client_metadata", "scope"},
            {metadata("first_party", "yes"), "invalid_client_metadata", "first_party"},
            {metadata("post_logout_redirect_uris", List.of("http://evil.example/")), "invalid_client_metadata", "https"
            },
            {privateKeyJwt("token_endpoint_auth_signing_alg", "HS256"), "invalid_client_metadata", "RS256 or ES256"},
            {privateKeyJwt("token_endpoint_auth_signing_alg", "none"), "invalid_client_metadata", "RS256 or ES256"},
            {privateKeyJwt("token_endpoint_auth_signing_alg", "PS256"), "invalid_client_metadata", "RS256 or ES256"},
            {
                metadata("token_endpoint_auth_signing_alg", "RS256"),
                "invalid_client_metadata",
                "token_endpoint_auth_signing_alg goes with token_endpoint_auth_method private_key_jwt"
            },
            {privateKeyJwt("jwks_uri", "http://jwks.example.test/jwks.json"), "invalid_client_metadata", "loopback"},
            {privateKeyJwt("jwks_uri", "https://*.example.test/jwks.json"), "invalid_client_metadata", "wildcard"},
            {privateKeyJwt("jwks_uri", "file:///etc/passwd"), "invalid_client_metadata", "scheme"},
            {metadata("wegate_upstreams", List.of("qq")), "invalid_client_metadata", "'qq' is not an upstream"},
            {metadata("wegate_upstreams", "wechat"), "invalid_client_metadata", "wegate_upstreams must be an array"},
            {metadata("wegate_app", "nope"), "invalid_client_metadata", "wegate_app: no app 'nope' is configured"},
            {metadata("wegate_app", List.of("web")), "invalid_client_metadata", "wegate_app must be a non-empty string"
            },
            {
                metadata("wegate_upstreams", List.of("wecom"), "wegate_app", "web"),
                "invalid_client_metadata",
                "'web' is a wechat app, which wegate_upstreams excludes"
            },
        };
        int before = rows();
        List<String> events = auditEvents(g);
        for (Object[] c : cases) {
            Http.Answer a = g.admin("POST", "/api/v1/admin/clients", c[0]);
            assertThat(a.status()).as(c[0] + " → " + a.body()).isEqualTo(400);
            assertThat(a.json().get("error").asString()).as(a.body()).isEqualTo(c[1]);
            assertThat(a.json().get("message").asString()).as(a.body()).contains((String) c[2]);
            assertThat(a.body()).doesNotContain("client_secret\"");
        }
        Http.Answer notJson = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/api/v1/admin/clients"))
                        .header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[1,2]")));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(rows()).isEqualTo(before);
        assertThat(auditEvents(g)).isEqualTo(events);
        // and a PUT with bad metadata changes nothing either
        JsonNode created = create(metadata());
        String clientId = created.get("client_id").asString();
        Http.Answer bad = g.admin(
                "PUT", "/api/v1/admin/clients/" + clientId, metadata("redirect_uris", List.of(REDIRECT + "#x")));
        assertThat(bad.json().get("error").asString()).isEqualTo("invalid_redirect_uri");
        assertThat(g.admin("GET", "/api/v1/admin/clients/" + clientId, null)
                        .json()
                        .get("redirect_uris")
                        .toString())
                .isEqualTo("[\"" + REDIRECT + "\"]");
    }

    @Test
    void whenAPublicClientIsRegisteredThenItHasNoSecretAndPkceIsRequired() {
        Gateway g = g();
        JsonNode c = create(metadata(
                "token_endpoint_auth_method",
                "none",
                "redirect_uris",
                List.of("http://127.0.0.1:9999/cb", "com.example.app:/oauth2redirect")));
        String clientId = c.get("client_id").asString();
        assertThat(c.has("client_secret")).isFalse();
        String cookie = loggedInBrowser(g, "lisi");

        Http.Answer withoutPkce = authorize(g, clientId, "http://127.0.0.1:9999/cb", cookie, null);
        assertThat(withoutPkce.header("Location"))
                .contains("error=invalid_request")
                .doesNotContain("code=");
        Http.Answer withPkce = authorize(g, clientId, "http://127.0.0.1:9999/cb", cookie, Gateway.newVerifier());
        assertThat(withPkce.header("Location")).startsWith("http://127.0.0.1:9999/cb?code=");
        // and there is no secret to rotate
        assertThat(g.admin("POST", "/api/v1/admin/clients/" + clientId + "/secret", null)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void whenChangedThenEveryChangeIsAuditedWithTheClientIdAndNeverTheSecret() {
        Gateway g = g();
        JsonNode c = create(metadata());
        String clientId = c.get("client_id").asString();
        g.admin("PUT", "/api/v1/admin/clients/" + clientId, metadata("client_name", "Renamed"));
        String rotated = g.admin("POST", "/api/v1/admin/clients/" + clientId + "/secret", null)
                .json()
                .get("client_secret")
                .asString();
        g.admin("DELETE", "/api/v1/admin/clients/" + clientId, null);

        Http.Answer a = g.admin("GET", "/api/v1/admin/audit?limit=1000", null);
        List<String> mine = new ArrayList<>();
        for (JsonNode e : a.json().get("events")) {
            if (e.get("detail").asString("").contains("client_id=" + clientId)) {
                mine.add(e.get("event").asString() + " " + e.get("detail").asString());
            }
        }
        assertThat(mine)
                .containsExactlyInAnyOrder(
                        "admin.client.created via=api client_id=" + clientId,
                        "admin.client.updated via=api client_id=" + clientId,
                        "admin.client.secret_rotated via=api client_id=" + clientId,
                        "admin.client.deleted via=api client_id=" + clientId);
        assertThat(a.body()).doesNotContain(c.get("client_secret").asString()).doesNotContain(rotated);
    }

    @Test
    void whenRegisteredOnTheCommandLineThenTheSameJsonIsPrintedAndTheClientWorks() {
        Gateway g = g();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = RegisterClientCommand.register(
                new DefaultApplicationArguments(
                        "--register-client",
                        "--client-name=Jenkins",
                        "--redirect-uri=" + REDIRECT,
                        "--scope=openid profile",
                        "--token-endpoint-auth-method=client_secret_post",
                        "--first-party"),
                registry,
                audit,
                json,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        JsonNode printed = json.readTree(out.toString(StandardCharsets.UTF_8));
        String clientId = printed.get("client_id").asString();
        String secret = printed.get("client_secret").asString();
        assertThat(printed.get("client_name").asString()).isEqualTo("Jenkins");
        assertThat(printed.get("token_endpoint_auth_method").asString()).isEqualTo("client_secret_post");
        assertThat(printed.get("first_party").asBoolean()).isTrue();
        assertThat(g.admin("GET", "/api/v1/admin/clients/" + clientId, null)
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("cli");
        String verifier = Gateway.newVerifier();
        String code = code(g, clientId, loggedInBrowser(g, "wangwu"), verifier);
        assertThat(tokenPost(g, clientId, secret, exchange(code, verifier)).status())
                .isEqualTo(200);
        assertThat(auditEvents(g)).contains("admin.client.created via=cli client_id=" + clientId);

        // refused metadata: exit 1, the error as JSON, nothing stored
        int before = rows();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int failed = RegisterClientCommand.register(
                new DefaultApplicationArguments("--register-client", "--redirect-uri=http://evil.example/cb"),
                registry,
                audit,
                json,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(failed).isEqualTo(1);
        assertThat(json.readTree(err.toString(StandardCharsets.UTF_8))
                        .get("error")
                        .asString())
                .isEqualTo("invalid_redirect_uri");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void whenRegisteredOnTheCommandLineWithPrivateKeyJwtAndARestrictionThenThePrintedMetadataHasThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = RegisterClientCommand.register(
                new DefaultApplicationArguments(
                        "--register-client",
                        "--redirect-uri=" + REDIRECT,
                        "--token-endpoint-auth-method=private_key_jwt",
                        "--jwks-uri=https://app.example.test/jwks.json",
                        "--token-endpoint-auth-signing-alg=ES256",
                        "--upstream=wecom,wechat",
                        "--app=default"),
                registry,
                audit,
                json,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode printed = json.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(printed.has("client_secret")).isFalse();
        assertThat(printed.get("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
        assertThat(printed.get("token_endpoint_auth_signing_alg").asString()).isEqualTo("ES256");
        assertThat(printed.get("wegate_upstreams").toString()).isEqualTo("[\"wecom\",\"wechat\"]");
        assertThat(printed.get("wegate_app").asString()).isEqualTo("default");
        String stored = jdbc.sql("select upstreams || '|' || app from oidc_client where client_id = ?")
                .param(printed.get("client_id").asString())
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo("wecom wechat|default");
    }

    private static List<String> auditEvents(Gateway g) {
        List<String> events = new ArrayList<>();
        for (JsonNode e :
                g.admin("GET", "/api/v1/admin/audit?limit=1000", null).json().get("events")) {
            if (e.get("event").asString().startsWith("admin.client.")) {
                events.add(e.get("event").asString() + " " + e.get("detail").asString());
            }
        }
        return events;
    }
}
