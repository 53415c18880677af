package io.wegate.server.callback;

import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.callback.CallbackReceivers.Kind;
import io.wegate.server.callback.CallbackReceivers.Receiver;
import io.wegate.server.offboarding.Offboarding;
import io.wegate.server.offboarding.Offboarding.Outcome;
import io.wegate.server.offboarding.Offboarding.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a verified, decrypted callback event: stores it (once: a redelivery or a replay finds it stored), then
 * processes it from the stored record, in the transaction that marks it processed, so that an event is acted on
 * exactly once even when a redelivery, the sweeper and another instance race for it. What the events mean:
 *
 * <ul>
 *   <li>a WeCom app's {@code unsubscribe}: the member left the app's visible range, left the corp, or was disabled:
 *       their access to that agent ends; {@code subscribe}: it is back;
 *   <li>{@code change_contact} (the contact-sync assistant; also 代开发 apps): {@code delete_user} and
 *       {@code update_user} with {@code Status} 2 (disabled) or 5 (left) end the member's access to every app of the
 *       corp; {@code update_user} with {@code Status} 1 and {@code create_user} bring it back;
 *   <li>WeChat's {@code user_authorization_revoke} ends the user's logins through that app and
 *       {@code user_authorization_cancellation} (the WeChat account was deleted) through every app; neither blocks a
 *       later login, which is a new authorisation.
 * </ul>
 *
 * Anything else is stored and marked ignored.
 */
@Service
public class CallbackService {

    private static final Logger log = LoggerFactory.getLogger(CallbackService.class);
    private static final int MAX_ATTEMPTS = 5;
    /** How long an event is kept: longer than the replay window, so that a replay within it is a duplicate. */
    static final Duration RETENTION = Duration.ofDays(7);

    /** The events acted on; everything else is answered and dropped. */
    static final java.util.Set<String> ACTED_ON = java.util.Set.of(
            "subscribe",
            "unsubscribe",
            "change_contact/create_user",
            "change_contact/update_user",
            "change_contact/delete_user",
            "user_authorization_revoke",
            "user_authorization_cancellation");

    private final CallbackEvents events;
    private final CallbackReceivers receivers;
    private final Offboarding offboarding;
    private final CallbackMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    CallbackService(
            CallbackEvents events,
            CallbackReceivers receivers,
            Offboarding offboarding,
            CallbackMetrics metrics,
            TransactionTemplate tx,
            Clock clock) {
        this.events = events;
        this.receivers = receivers;
        this.offboarding = offboarding;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    /** An event's type: {@code change_contact/<ChangeType>}, the {@code Event}, or the {@code MsgType}. */
    static String type(Map<String, String> f) {
        String event = f.getOrDefault("Event", "");
        if (event.equals("change_contact")) {
            return "change_contact/" + f.getOrDefault("ChangeType", "");
        }
        return !event.isEmpty() ? event : f.getOrDefault("MsgType", "unknown");
    }

    /** Stores the event (once) and processes it; returns whether it was new. */
    boolean receive(Receiver receiver, Map<String, String> fields) {
        Instant now = clock.instant();
        String type = type(fields);
        if (!ACTED_ON.contains(type)) {
            // members' messages to the app, menu clicks, location reports...: answered, neither stored nor read
            metrics.event("other", "ignored");
            return false;
        }
        String subject = subject(receiver, fields);
        Map.Entry<CallbackEvents.Stored, Boolean> stored = events.store(
                receiver.name(),
                CallbackEvents.identity(fields),
                type,
                subject,
                eventTime(fields, now),
                CallbackEvents.kept(fields),
                now);
        if (!stored.getValue()) {
            metrics.event(type, "duplicate");
        }
        if (stored.getKey().processedAt() == null) {
            process(stored.getKey(), receiver);
        }
        return stored.getValue();
    }

    /** Forgets events older than {@link #RETENTION}, hourly. */
    @Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
    void purge() {
        try {
            events.purge(clock.instant().minus(RETENTION));
        } catch (RuntimeException e) {
            log.warn("callback event purge failed: {}", e.getMessage());
        }
    }

    /** Processes the events that are still pending (a crash, a database outage), a few seconds after receipt. */
    @Scheduled(initialDelay = 10_000, fixedDelay = 15_000)
    void sweep() {
        try {
            int gaveUp = events.giveUp(MAX_ATTEMPTS, clock.instant());
            if (gaveUp > 0) {
                metrics.event("other", "gave_up");
                log.error(
                        "{} callback event(s) failed {} times and are given up: see callback_event where outcome ="
                                + " 'gave_up'",
                        gaveUp,
                        MAX_ATTEMPTS);
            }
            for (CallbackEvents.Stored e :
                    events.pending(clock.instant().minus(Duration.ofSeconds(10)), MAX_ATTEMPTS, 100)) {
                receivers.all().stream()
                        .filter(r -> r.name().equals(e.receiver()))
                        .findFirst()
                        .ifPresentOrElse(
                                r -> process(e, r),
                                () -> tx.executeWithoutResult(
                                        s -> events.processed(e.id(), "no_receiver", clock.instant())));
            }
        } catch (RuntimeException ex) {
            log.warn("callback event sweep failed: {}", ex.getMessage());
        }
    }

    private void process(CallbackEvents.Stored e, Receiver receiver) {
        try {
            String outcome = tx.execute(s -> {
                if (!events.processed(e.id(), "processing", clock.instant())) {
                    // another thread or instance holds or has processed it (the update waited for its lock)
                    return null;
                }
                String result = apply(receiver, e);
                events.finish(e.id(), result);
                return result;
            });
            if (outcome != null) {
                metrics.event(e.type(), outcome);
                if (outcome.equals("ended")) {
                    metrics.loginsEnded(Duration.between(e.receivedAt(), clock.instant()));
                }
                log.info("callback event {} at {}: {}", e.type(), receiver.path(), outcome);
            }
        } catch (RuntimeException ex) {
            metrics.event(e.type(), "failed");
            // the exception's class only: a database's message can quote the row's values
            log.warn(
                    "callback event {} at {} failed (will retry): {}",
                    e.type(),
                    receiver.path(),
                    ex.getClass().getSimpleName());
            try {
                events.attempted(e.id());
            } catch (RuntimeException ignored) {
                // the sweeper will see it again
            }
        }
    }

    private String apply(Receiver r, CallbackEvents.Stored e) {
        Map<String, String> f = e.detail();
        Instant at = e.eventTime();
        String type = e.type();
        if (e.subject() == null || e.subject().isEmpty()) {
            return "ignored";
        }
        if (r.kind() == Kind.WECHAT_APP) {
            IdentityKey openid = IdentityKey.wechatOpenId(r.tenant(), e.subject());
            return switch (type) {
                case "user_authorization_revoke" ->
                    result(offboarding.end(openid, r.app(), type, at, Policy.END_LOGINS, false));
                case "user_authorization_cancellation" ->
                    result(offboarding.end(openid, ExternalIdentity.ALL_APPS, type, at, r.policy(), false));
                default -> "ignored";
            };
        }
        IdentityKey member = IdentityKey.wecom(r.tenant(), e.subject());
        if (r.kind() == Kind.WECOM_APP) {
            String agent = f.get("AgentID");
            if (agent != null && !agent.isBlank() && !agent.equals(r.app())) {
                // another app's event at this app's URL (two apps sharing Token and EncodingAESKey): not about this app
                return "other_app";
            }
            switch (type) {
                case "unsubscribe":
                    return result(offboarding.end(member, r.app(), "unsubscribe", at, r.policy(), true));
                case "subscribe":
                    return result(offboarding.restore(member, r.app(), "subscribe", at));
                default:
                    if (!type.startsWith("change_contact/")) {
                        return "ignored";
                    }
            }
        }
        String status = f.getOrDefault("Status", "");
        return switch (type) {
            case "change_contact/delete_user" -> result(offboarding.retire(member, "delete_user", at, r.policy()));
            case "change_contact/update_user" -> updateUser(member, f.get("NewUserID"), status, at, r);
            case "change_contact/create_user" ->
                result(offboarding.restore(member, ExternalIdentity.ALL_APPS, "created", at));
            default -> "ignored";
        };
    }

    private String updateUser(IdentityKey member, String newUserId, String status, Instant at, Receiver r) {
        IdentityKey now = member;
        if (newUserId != null && !newUserId.isBlank() && !newUserId.equals(member.subject())) {
            // the member's userid changed: the identity follows it, so that the old userid, once free again,
            // can never log in to this person's account
            if (offboarding.renameSubject(member, newUserId, at, r.policy())) {
                now = IdentityKey.wecom(r.tenant(), newUserId);
            }
        }
        return switch (status) {
            case "2" -> result(offboarding.end(now, ExternalIdentity.ALL_APPS, "disabled", at, r.policy(), true));
            case "5" -> result(offboarding.end(now, ExternalIdentity.ALL_APPS, "left", at, r.policy(), true));
            case "1" -> result(offboarding.restore(now, ExternalIdentity.ALL_APPS, "enabled", at));
            default -> now == member ? "ignored" : "renamed";
        };
    }

    private static String result(Outcome o) {
        return o.result().name().toLowerCase(Locale.ROOT);
    }

    private static String subject(Receiver r, Map<String, String> f) {
        String s = r.kind() == Kind.WECHAT_APP
                ? f.get("OpenID")
                : "change_contact".equals(f.get("Event")) ? f.get("UserID") : f.get("FromUserName");
        return s == null || s.isBlank() ? null : s.length() <= 128 ? s : s.substring(0, 128);
    }

    /** The event's own time ({@code CreateTime}, seconds), or receipt when it has none. */
    private static Instant eventTime(Map<String, String> f, Instant now) {
        try {
            long s = Long.parseLong(f.getOrDefault("CreateTime", ""));
            return s > 0 && s < 100_000_000_000L ? Instant.ofEpochSecond(s) : now;
        } catch (NumberFormatException e) {
            return now;
        }
    }
}
