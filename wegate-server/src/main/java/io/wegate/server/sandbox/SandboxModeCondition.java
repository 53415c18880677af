package io.wegate.server.sandbox;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Sandbox mode: forced by {@code wegate.sandbox.enabled}, else on when no WeCom credentials are set. */
public final class SandboxModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isSandboxMode(context.getEnvironment());
    }

    public static boolean isSandboxMode(Environment env) {
        String enabled = env.getProperty("wegate.sandbox.enabled");
        if (enabled != null && !enabled.isBlank()) {
            return Boolean.parseBoolean(enabled.trim());
        }
        return blank(env, "wegate.wecom.corp-id")
                && blank(env, "wegate.wecom.agent-id")
                && blank(env, "wegate.wecom.secret");
    }

    private static boolean blank(Environment env, String key) {
        String v = env.getProperty(key);
        return v == null || v.isBlank();
    }
}
