package io.wegate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A relying party that authenticates with {@code private_key_jwt} (RFC 7523, OpenID Connect Core
 * section 9): its RSA and EC keys, its JWKS served over real HTTP by the JDK's HTTP server on the
 * loopback interface (what it publishes can change), its registration through the admin API, and
 * client assertions signed with Nimbus.
 */
public final class PrivateKeyJwtClient implements AutoCloseable {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final HttpServer server;
    private final RSAKey rsa;
    private final ECKey ec;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks;
    private String clientId;
    private JWK signingKey;

    private PrivateKeyJwtClient(HttpServer server, RSAKey rsa, ECKey ec) {
        this.server = server;
        this.rsa = rsa;
        this.ec = ec;
    }

    /** Its JWKS server, publishing the public parts of both keys. */
    public static PrivateKeyJwtClient start() {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048)
                    .keyID("rp-rsa-" + UUID.randomUUID())
                    .generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256)
                    .keyID("rp-ec-" + UUID.randomUUID())
                    .generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PrivateKeyJwtClient c = new PrivateKeyJwtClient(server, rsa, ec);
            c.publish(rsa, ec);
            server.createContext("/jwks.json", exchange -> {
                c.fetches.incrementAndGet();
                byte[] body = c.jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return c;
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key of the kind of {@code like}, never published: what an attacker signs with. */
    public static JWK otherKey(JWK like) {
        try {
            return like instanceof ECKey
                    ? new ECKeyGenerator(Curve.P_256).keyID(like.getKeyID()).generate()
                    : new RSAKeyGenerator(2048).keyID(like.getKeyID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh RSA key named {@code kid}. */
    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on the JWKS holds the public parts of {@code keys}. */
    public void publish(JWK... keys) {
        jwks = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** How often the JWKS was read. */
    public int fetches() {
        return fetches.get();
    }

    public RSAKey rsa() {
        return rsa;
    }

    public ECKey ec() {
        return ec;
    }

    public String clientId() {
        return clientId;
    }

    public static String redirect() {
        return "https://pkjwt.example.test/cb";
    }

    /** The RFC 7591 metadata of this client, signing with {@code alg} (null: the default, RS256). */
    public Map<String, Object> metadata(String alg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_name", "private_key_jwt app");
        m.put("redirect_uris", List.of(redirect()));
        m.put("grant_types", List.of("authorization_code", "refresh_token"));
        m.put("scope", "openid profile");
        m.put("first_party", true);
        m.put("token_endpoint_auth_method", "private_key_jwt");
        m.put("jwks_uri", jwksUri());
        if (alg != null) {
            m.put("token_endpoint_auth_signing_alg", alg);
        }
        return m;
    }

    /** Registers this client through the admin API; its assertions are then signed with the key of {@code alg}. */
    public JsonNode register(Gateway g, String alg) {
        Http.Answer a = g.admin("POST", "/api/v1/admin/clients", metadata(alg));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        clientId = a.json().get("client_id").asString();
        signingKey = "ES256".equals(alg) ? ec : rsa;
        return a.json();
    }

    /** This client is {@code clientId}, registered (not through the admin API) to sign with {@code alg}. */
    public void registeredAs(String clientId, String alg) {
        this.clientId = clientId;
        signingKey = "ES256".equals(alg) ? ec : rsa;
    }

    /** The claims of a good assertion for {@code g}'s token endpoint, valid for a minute. */
    public JWTClaimsSet.Builder claims(Gateway g) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(g.base() + "/oauth2/token")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A good assertion, signed with the registered key. */
    public String assertion(Gateway g) {
        return assertion(claims(g).build());
    }

    /** An assertion of {@code claims}, signed with the registered key. */
    public String assertion(JWTClaimsSet claims) {
        return sign(signingKey, claims);
    }

    public static String sign(JWK key, JWTClaimsSet claims) {
        try {
            JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, alg));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client authentication parameters of a form, with {@code assertion}. */
    public String credentials(String assertion) {
        return "client_id=" + Gateway.enc(clientId) + "&client_assertion_type=" + Gateway.enc(ASSERTION_TYPE)
                + "&client_assertion=" + Gateway.enc(assertion);
    }

    /** A POST of {@code form} to {@code path}, authenticated with {@code assertion}. */
    public Http.Answer post(Gateway g, String path, String form, String assertion) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&" + credentials(assertion))));
    }

    /** A POST of {@code form} to {@code path}, authenticated with a fresh good assertion. */
    public Http.Answer post(Gateway g, String path, String form) {
        return post(g, path, form, assertion(g));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
