package io.wegate.server.callback;

import io.wegate.client.callback.WxBizMsgCrypt;
import io.wegate.server.offboarding.Offboarding.Policy;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.WeChatProperties;
import io.wegate.server.upstream.WeComProperties;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every callback receiver wegate answers, built once at start from the configuration (validated there): each WeCom
 * app with a {@code callback}, the contact-sync assistant, each WeChat app with a {@code callback}. In sandbox mode
 * every sandbox app and the sandbox corp's contact-sync assistant get a receiver with fresh random credentials, which
 * wegate registers with the sandbox as an administrator would in the console.
 */
public final class CallbackReceivers {

    /** What kind of receiver, which decides the verification and the events it acts on. */
    public enum Kind {
        WECOM_APP,
        WECOM_CONTACT_SYNC,
        WECHAT_APP
    }

    /**
     * One receiver.
     *
     * @param path the part of {@code /callbacks/...} after the prefix: {@code wecom/apps/<id>},
     *     {@code wecom/contact-sync}, {@code wechat/apps/<id>}
     * @param tenant the corpid (WeCom) or the appid (WeChat): the receive id every message must carry
     * @param app the agentid (WeCom app), the appid (WeChat app), or {@code *} (contact sync: the whole corp)
     * @param token the Token (kept to register with the sandbox; never logged)
     * @param encodingAesKey the EncodingAESKey (likewise)
     */
    public record Receiver(
            String path,
            Kind kind,
            String tenant,
            String app,
            Policy policy,
            WxBizMsgCrypt crypt,
            String token,
            String encodingAesKey) {

        /** The name events and metrics use for it: {@code kind:tenant:app}. */
        public String name() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + tenant + ":" + app;
        }

        @Override
        public String toString() {
            return "Receiver[" + path + "]";
        }
    }

    private final List<Receiver> receivers;
    private final boolean sandbox;

    private CallbackReceivers(List<Receiver> receivers, boolean sandbox) {
        this.receivers = List.copyOf(receivers);
        this.sandbox = sandbox;
    }

    public List<Receiver> all() {
        return receivers;
    }

    /** Whether the receivers are the sandbox's (registered with it at start). */
    public boolean sandbox() {
        return sandbox;
    }

    public Optional<Receiver> byPath(String path) {
        return receivers.stream().filter(r -> r.path().equals(path)).findFirst();
    }

    static CallbackReceivers of(LoginApps apps, WeComProperties wecom, WeChatProperties wechat, String sandboxCorp) {
        List<Receiver> out = new ArrayList<>();
        if (apps.sandbox()) {
            for (LoginApps.WeComLoginApp a : apps.wecom()) {
                out.add(receiver(
                        "wecom/apps/" + a.id(),
                        Kind.WECOM_APP,
                        a.app().corpId(),
                        a.app().agentId(),
                        Policy.of(wecom.offboarding()),
                        randomToken(),
                        randomKey()));
            }
            if (sandboxCorp != null) {
                out.add(receiver(
                        "wecom/contact-sync",
                        Kind.WECOM_CONTACT_SYNC,
                        sandboxCorp,
                        "*",
                        Policy.of(wecom.offboarding()),
                        randomToken(),
                        randomKey()));
            }
            for (LoginApps.WeChatLoginApp a : apps.wechat()) {
                out.add(receiver(
                        "wechat/apps/" + a.id(),
                        Kind.WECHAT_APP,
                        a.app().appId(),
                        a.app().appId(),
                        Policy.of(wecom.offboarding()),
                        randomToken(),
                        randomKey()));
            }
            return new CallbackReceivers(out, true);
        }
        if (wecom.configured() && wecom.callback() != null) {
            out.add(receiver(
                    "wecom/apps/default",
                    Kind.WECOM_APP,
                    wecom.corpId(),
                    wecom.agentId(),
                    Policy.of(wecom.offboarding()),
                    wecom.callback().token(),
                    wecom.callback().encodingAesKey()));
        }
        for (WeComProperties.ExtraApp x : wecom.apps()) {
            if (x.callback() != null) {
                LoginApps.WeComLoginApp a = apps.wecom(x.id());
                out.add(receiver(
                        "wecom/apps/" + a.id(),
                        Kind.WECOM_APP,
                        a.app().corpId(),
                        a.app().agentId(),
                        Policy.of(x.offboarding()),
                        x.callback().token(),
                        x.callback().encodingAesKey()));
            }
        }
        if (wecom.contactSync() != null) {
            WeComProperties.ContactSync cs = wecom.contactSync();
            out.add(receiver(
                    "wecom/contact-sync",
                    Kind.WECOM_CONTACT_SYNC,
                    cs.corpId(),
                    "*",
                    Policy.of(cs.offboarding()),
                    cs.token(),
                    cs.encodingAesKey()));
        }
        for (WeChatProperties.App x : wechat.apps()) {
            if (x.callback() != null) {
                out.add(receiver(
                        "wechat/apps/" + x.id(),
                        Kind.WECHAT_APP,
                        x.appId(),
                        x.appId(),
                        Policy.of(x.offboarding()),
                        x.callback().token(),
                        x.callback().encodingAesKey()));
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Receiver r : out) {
            if (!seen.add(r.token() + "\n" + r.encodingAesKey())) {
                // one receiver's messages would verify at the other's URL: each must have its own
                throw new IllegalArgumentException(
                        "callback " + r.path() + " has the same token and encoding-aes-key as"
                                + " another receiver: give each app and the contact-sync assistant their own (the console's"
                                + " 随机获取 makes new ones)");
            }
        }
        return new CallbackReceivers(out, false);
    }

    private static Receiver receiver(
            String path, Kind kind, String tenant, String app, Policy policy, String token, String key) {
        return new Receiver(path, kind, tenant, app, policy, WxBizMsgCrypt.of(token, key, tenant), token, key);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static String random(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return b.toString();
    }

    private static String randomToken() {
        return random(32);
    }

    /** A key as the console's 随机获取 makes one: 43 random letters and digits (rarely canonical Base64). */
    private static String randomKey() {
        return random(43);
    }
}
