package io.wegate.server.offboarding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.client.UpstreamException;
import io.wegate.client.wecom.WeComDepartment;
import io.wegate.client.wecom.WeComUser;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.offboarding.Offboarding.Policy;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import io.wegate.server.upstream.UpstreamClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The reconciliation pass, because the platforms' events are incomplete (a self-built app gets no contact events;
 * since 2022-08-15 the contact-sync assistant is not told of a status change; a visible-range change by department
 * may say nothing per member): every {@code wegate.reconciliation.interval}, for each WeCom app, the members the app
 * can see now ({@code department/list}, then {@code user/list} per department: 1 + D calls) are compared with the
 * identities wegate knows in that corp. An identity that is no longer visible, or whose status is not 1 (active),
 * loses its access to the app, as an {@code unsubscribe} would end it; one that is visible and active again gets it
 * back. A view that is not whole (a call failed, more departments than {@code max-departments}) changes nothing.
 * One instance of a cluster runs it at a time ({@link JobLease}).
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    static final String JOB = "reconciliation";

    /** What one pass over one app found and did. */
    public record Report(String app, boolean complete, int visible, int known, int ended, int restored, String note) {}

    private final UpstreamClients clients;
    private final LoginApps apps;
    private final Offboarding offboarding;
    private final JobLease lease;
    private final JdbcClient jdbc;
    private final ReconciliationProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public Reconciliation(
            UpstreamClients clients,
            LoginApps apps,
            Offboarding offboarding,
            JobLease lease,
            JdbcClient jdbc,
            ReconciliationProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.clients = clients;
        this.apps = apps;
        this.offboarding = offboarding;
        this.lease = lease;
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Each minute: runs the pass when it is due and this instance gets the lease. */
    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void tick() {
        if (properties.interval().isZero()) {
            return;
        }
        try {
            runIfDue();
        } catch (RuntimeException e) {
            log.warn("reconciliation failed: {}", e.toString());
        }
    }

    /** Runs the pass over every WeCom app if it is due and no other instance runs it; empty when it did not run. */
    public List<Report> runIfDue() {
        if (properties.interval().isZero()) {
            return List.of(); // turned off
        }
        Instant now = clock.instant();
        if (!lease.take(JOB, properties.interval(), Duration.ofMinutes(30), now)) {
            return List.of();
        }
        try {
            List<Report> reports = apps.wecom().stream().map(this::run).toList();
            lease.done(JOB, now);
            return reports;
        } catch (RuntimeException e) {
            // recorded as a run: the next try is an interval away, not a minute (each try spends API calls)
            lease.done(JOB, now);
            throw e;
        }
    }

    /** One pass over one app, now (the command line and the tests call it directly). */
    public Report run(WeComLoginApp app) {
        // what the pass finds is as of before it read the directory; an event of the same second (events carry
        // whole seconds) may be newer, and wins
        Instant started = clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .minusSeconds(1);
        Map<String, Integer> visible = new HashMap<>();
        List<WeComDepartment> departments;
        try {
            departments = clients.wecom(app).directory().departmentIds(app.app());
            if (departments.size() > properties.maxDepartments()) {
                return finish(new Report(
                        app.id(),
                        false,
                        0,
                        0,
                        0,
                        0,
                        "the app sees " + departments.size() + " departments, more than wegate.reconciliation"
                                + ".max-departments (" + properties.maxDepartments() + "): not reconciled"));
            }
            for (WeComDepartment d : departments) {
                for (WeComUser u : clients.wecom(app).directory().members(app.app(), d.id())) {
                    visible.put(u.userId(), u.status() == null ? 1 : u.status());
                }
            }
        } catch (UpstreamException e) {
            return finish(new Report(
                    app.id(),
                    false,
                    0,
                    0,
                    0,
                    0,
                    "WeCom refused a directory call (" + e.getMessage() + "): not reconciled"));
        }
        String corp = app.app().corpId();
        String agent = app.app().agentId();
        // the identities this app concerns: those that logged in through it, or whose access to it was recorded
        List<String> known = jdbc.sql("select distinct i.subject from external_identity i where i.provider = 'wecom'"
                        + " and i.tenant_id = ? and (exists (select 1 from account_login l where l.account_id ="
                        + " i.account_id and l.upstream = 'wecom' and l.app_id = ?) or exists (select 1 from"
                        + " identity_access a where a.identity_id = i.id and a.app_id = ?))")
                .params(corp, app.id(), agent)
                .query(String.class)
                .list();
        List<String> candidates =
                known.stream().filter(u -> visible.getOrDefault(u, 0) != 1).toList();
        if (!known.isEmpty() && (visible.isEmpty() || (known.size() >= 10 && candidates.size() * 2 > known.size()))) {
            // a visible range emptied or cut by mistake would end everyone's access: an operator decides
            return finish(new Report(
                    app.id(),
                    false,
                    visible.size(),
                    known.size(),
                    0,
                    0,
                    candidates.size() + " of " + known.size() + " known members look gone: not reconciled (more than"
                            + " half, or none visible, looks like a changed visible range: check the app's 可见范围)"));
        }
        // the department walk misses members granted one by one or by tag: each candidate is read itself
        // (user/get: one call each, at most half the known members) before their access ends
        Map<String, Integer> confirmed = new HashMap<>();
        try {
            for (String userid : candidates) {
                confirmed.put(userid, confirm(app, userid));
            }
        } catch (UpstreamException e) {
            return finish(new Report(
                    app.id(),
                    false,
                    visible.size(),
                    known.size(),
                    0,
                    0,
                    "WeCom refused a user/get (" + e.getMessage() + "): not reconciled"));
        }
        int ended = 0;
        int restored = 0;
        for (String userid : known) {
            Integer status = confirmed.containsKey(userid) ? confirmed.get(userid) : visible.get(userid);
            IdentityKey key = IdentityKey.wecom(corp, userid);
            if (status == null || status != 1) {
                String reason = status == null ? "reconciliation: not visible" : "reconciliation: status " + status;
                // a finding ends logins, never disables an account: that takes the platform's own word (an event)
                if (offboarding
                                .end(key, agent, reason, started, Policy.END_LOGINS, true)
                                .result()
                        == Offboarding.Result.ENDED) {
                    ended++;
                }
            } else if (offboarding
                            .restore(key, agent, "reconciliation: visible and active", started, false)
                            .result()
                    == Offboarding.Result.RESTORED) {
                restored++;
            }
        }
        return finish(new Report(app.id(), true, visible.size(), known.size(), ended, restored, null));
    }

    /**
     * The member's status as {@code user/get} reads it for this app; null when the app may not see them (60011) or
     * they are gone (60111); any other refusal stops the pass.
     */
    private Integer confirm(WeComLoginApp app, String userid) {
        try {
            WeComUser u = clients.wecom(app).users().get(app.app(), userid);
            return u.status() == null ? 1 : u.status();
        } catch (UpstreamException e) {
            int code = e.errcode().orElse(0);
            if (code == 60011 || code == 60111 || code == 46004) {
                return null;
            }
            throw e;
        }
    }

    private Report finish(Report r) {
        Counter.builder("wegate.reconciliation.runs")
                .tag("app", r.app())
                .tag("outcome", r.complete() ? "complete" : "incomplete")
                .register(meters)
                .increment();
        Counter.builder("wegate.reconciliation.findings")
                .tag("app", r.app())
                .tag("finding", "ended")
                .register(meters)
                .increment(r.ended());
        Counter.builder("wegate.reconciliation.findings")
                .tag("app", r.app())
                .tag("finding", "restored")
                .register(meters)
                .increment(r.restored());
        if (r.complete()) {
            log.info(
                    "reconciliation of app {}: {} visible, {} known, {} ended, {} restored",
                    r.app(),
                    r.visible(),
                    r.known(),
                    r.ended(),
                    r.restored());
        } else {
            log.warn("reconciliation of app {}: {}", r.app(), r.note());
        }
        return r;
    }
}
