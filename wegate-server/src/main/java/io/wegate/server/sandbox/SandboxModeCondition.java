package io.wegate.server.sandbox;

import io.wegate.server.upstream.UpstreamMode;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Sandbox mode: exactly when no upstream app is configured, or when {@code wegate.sandbox.enabled} forces it. */
public final class SandboxModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return UpstreamMode.of(context.getEnvironment()).sandbox();
    }
}
