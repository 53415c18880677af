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
import io.wegate.server.upstream.WeComProperties;
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
    private final WeComProperties wecom;
    private final Offboarding offboarding;
    private final JobLease lease;
    private final JdbcClient jdbc;
    private final ReconciliationProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public Reconciliation(
            UpstreamClients clients,
            LoginApps apps,
            WeComProperties wecom,
            Offboarding offboarding,
            JobLease lease,
            JdbcClient jdbc,
            ReconciliationProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.clients = clients;
        this.apps = apps;
        this.wecom = wecom;
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
            lease.release(JOB);
            throw e;
        }
    }

    /** One pass over one app, now (the command line and the tests call it directly). */
    public Report run(WeComLoginApp app) {
        Instant started = clock.instant();
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
        Policy policy = policy(app);
        List<String> known = jdbc.sql(
                        "select subject from external_identity where provider = 'wecom' and tenant_id = ?")
                .param(corp)
                .query(String.class)
                .list();
        int ended = 0;
        int restored = 0;
        for (String userid : known) {
            Integer status = visible.get(userid);
            IdentityKey key = IdentityKey.wecom(corp, userid);
            if (status == null || status != 1) {
                String reason = status == null ? "reconciliation: not visible" : "reconciliation: status " + status;
                if (offboarding.end(key, agent, reason, started, policy, true).result() == Offboarding.Result.ENDED) {
                    ended++;
                }
            } else if (offboarding
                            .restore(key, agent, "reconciliation: visible and active", started)
                            .result()
                    == Offboarding.Result.RESTORED) {
                restored++;
            }
        }
        return finish(new Report(app.id(), true, visible.size(), known.size(), ended, restored, null));
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

    private Policy policy(WeComLoginApp app) {
        return wecom.apps().stream()
                .filter(x -> x.id().equals(app.id()))
                .findFirst()
                .map(x -> Policy.of(x.offboarding()))
                .orElse(Policy.of(wecom.offboarding()));
    }
}
