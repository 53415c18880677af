package io.wegate.bench.apps.wecomlogin;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The command line every WeCom login contender takes ({@code --bench.sandbox}, {@code --bench.corp-id}, {@code
 * --bench.secret}), defaulting to the sandbox's demo fixture (app 1000002), plus the HS256 secret the contenders sign
 * their session JWTs with ({@code --bench.jwt-secret}, at least 32 bytes).
 */
@ConfigurationProperties("bench")
public record BenchLoginProperties(
        @DefaultValue("http://127.0.0.1:18081") URI sandbox,
        @DefaultValue("ww5a1d2e3f4b6c7d80") String corpId,

        @DefaultValue("09B9Mmr63U7S3UGGPVwBqoqNoPGB3ub4o4WlMokzEqk")
        String secret,
        // a bench default, as the blog posts have one in their application.yml; never a production secret
        @DefaultValue("bench-apps-hs256-shared-secret-not-for-production")
        String jwtSecret) {}
