package io.wegate.server.oidc;

import io.wegate.server.support.GatewayTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway with the relying parties of the logout, device-flow, PAR and discovery tests (one shared
 * context): {@code rp1} and {@code rp2} (confidential, each with its own post-logout URI) and
 * {@code spa} (public, PKCE).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.oidc.clients[0].client-id=rp1",
            "wegate.oidc.clients[0].client-secret={noop}rp1-secret",
            "wegate.oidc.clients[0].redirect-uris=https://rp1.example.test/cb",
            "wegate.oidc.clients[0].post-logout-redirect-uris=https://rp1.example.test/bye",
            "wegate.oidc.clients[0].scopes=openid,profile",
            "wegate.oidc.clients[1].client-id=rp2",
            "wegate.oidc.clients[1].client-secret={noop}rp2-secret",
            "wegate.oidc.clients[1].redirect-uris=https://rp2.example.test/cb",
            "wegate.oidc.clients[1].post-logout-redirect-uris=https://rp2.example.test/bye",
            "wegate.oidc.clients[1].scopes=openid,profile",
            "wegate.oidc.clients[2].client-id=spa",
            "wegate.oidc.clients[2].public-client=true",
            "wegate.oidc.clients[2].redirect-uris=https://spa.example.test/cb",
            "wegate.oidc.clients[2].scopes=openid,profile"
        })
@interface FlowsTest {}
