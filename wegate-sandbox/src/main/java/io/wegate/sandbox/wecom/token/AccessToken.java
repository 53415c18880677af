package io.wegate.sandbox.wecom.token;

import java.time.Instant;

/** An access_token issued to one app (each app has its own token, doc 91039). */
public record AccessToken(String value, String agentId, Instant expiresAt) {}
