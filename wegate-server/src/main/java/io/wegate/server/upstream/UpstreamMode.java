package io.wegate.server.upstream;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Sandbox or production, decided from the configuration before any bean exists. Sandbox mode runs
 * only when no upstream app of any kind is configured — neither the default WeCom app
 * ({@code wegate.wecom.corp-id}, {@code agent-id}, {@code secret}), nor {@code wegate.wecom.apps[n]},
 * nor {@code wegate.wechat.apps[n]} — because in sandbox mode codes minted by the in-process sandbox
 * become real signed tokens: it must never start beside apps an operator meant to use.
 *
 * <p>The properties are read through Spring Boot's {@link Binder}, the way the
 * {@code @ConfigurationProperties} records are bound later, so that every source counts the same:
 * command-line arguments, files and environment variables such as {@code WEGATE_WECHAT_APPS_0_APP_ID}.
 *
 * @param sandbox whether the in-process sandbox is the upstream
 * @param forced whether {@code wegate.sandbox.enabled} decided it rather than the absence of apps
 * @param configured the apps that are configured, as property prefixes, e.g. {@code wegate.wechat.apps[0] (mp)}
 */
public record UpstreamMode(boolean sandbox, boolean forced, List<String> configured) {

    /** What an operator sets to leave sandbox mode. */
    public static final String APP_PROPERTIES = "wegate.wecom.corp-id, agent-id and secret (WEGATE_WECOM_CORP_ID,"
            + " WEGATE_WECOM_AGENT_ID, WEGATE_WECOM_SECRET), wegate.wecom.apps[n].* or wegate.wechat.apps[n].*";

    public UpstreamMode {
        configured = List.copyOf(configured);
    }

    /**
     * The mode the configuration asks for.
     *
     * @throws IllegalStateException when {@code wegate.sandbox.enabled=true} and apps are configured: sandbox mode
     *     would silently replace them with the demo apps
     */
    public static UpstreamMode of(Environment env) {
        Binder binder = Binder.get(env);
        List<String> configured = configuredApps(binder);
        BindResult<Boolean> enabled = binder.bind("wegate.sandbox.enabled", Boolean.class);
        if (!enabled.isBound()) {
            return new UpstreamMode(configured.isEmpty(), false, configured);
        }
        if (enabled.get() && !configured.isEmpty()) {
            throw new IllegalStateException("wegate.sandbox.enabled=true, but upstream apps are configured ("
                    + String.join(", ", configured) + "): sandbox mode would ignore them and log people in"
                    + " against the simulated WeCom and WeChat. Remove wegate.sandbox.enabled (WEGATE_SANDBOX_ENABLED)"
                    + " to use the apps, or remove the apps to run the sandbox.");
        }
        return new UpstreamMode(enabled.get(), true, configured);
    }

    private static List<String> configuredApps(Binder binder) {
        List<String> configured = new ArrayList<>();
        // one of the three is enough: a partial default app is production, and WeComProperties then names
        // what is missing instead of the start falling silently into sandbox mode
        List<String> defaultApp = new ArrayList<>();
        for (String key : List.of("corp-id", "agent-id", "secret")) {
            String value = binder.bind("wegate.wecom." + key, String.class).orElse("");
            if (!value.isBlank()) {
                defaultApp.add(key);
            }
        }
        if (!defaultApp.isEmpty()) {
            configured.add("wegate.wecom." + String.join("/", defaultApp));
        }
        List<WeComProperties.ExtraApp> wecom = binder.bind(
                        "wegate.wecom.apps", Bindable.listOf(WeComProperties.ExtraApp.class))
                .orElse(List.of());
        for (int i = 0; i < wecom.size(); i++) {
            configured.add("wegate.wecom.apps[" + i + "]" + named(wecom.get(i).id()));
        }
        List<WeChatProperties.App> wechat = binder.bind(
                        "wegate.wechat.apps", Bindable.listOf(WeChatProperties.App.class))
                .orElse(List.of());
        for (int i = 0; i < wechat.size(); i++) {
            configured.add("wegate.wechat.apps[" + i + "]" + named(wechat.get(i).id()));
        }
        return configured;
    }

    private static String named(String id) {
        return id == null || id.isBlank() ? "" : " (" + id + ")";
    }
}
