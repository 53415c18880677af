package io.wegate.sandbox.wecom;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.SandboxFixture.Member;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The corp as the running sandbox sees it: the immutable fixture plus runtime state (trusted domains added by tests)
 * and the visible-range rule (可见范围: a department and all its sub-departments), see <a
 * href="https://developer.work.weixin.qq.com/document/path/90196">读取成员</a>.
 *
 * <p>The contact-sync assistant (通讯录同步) is modelled as one more app, {@link #CONTACT_SYNC_AGENT_ID}, that sees
 * every department; it is not in the fixture's app list, so no page or code flow offers it.
 */
public final class WeComDirectory {

    /** The pseudo agentid under which tokens of the contact-sync secret are issued. */
    public static final String CONTACT_SYNC_AGENT_ID = "contact-sync";

    private final SandboxFixture fixture;
    private final Map<Integer, Department> departments;
    private final Map<String, Set<String>> trustedDomains = new ConcurrentHashMap<>();
    private final App contactSync;
    // runtime changes of the directory (tooling): members' statuses, deleted members, members taken out of an app's
    // visible range one by one (可见范围 can name members as well as departments)
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> hiddenFrom = new ConcurrentHashMap<>();

    public WeComDirectory(SandboxFixture fixture) {
        this.fixture = fixture;
        this.departments = fixture.departments().stream()
                .collect(Collectors.toUnmodifiableMap(Department::id, Function.identity()));
        List<Integer> roots = fixture.departments().stream()
                .filter(d -> !departments.containsKey(d.parentId()))
                .map(Department::id)
                .toList();
        // Created "before" the 2022-06-20 privacy rule: contact sync is exempt from it and keeps every field (A5).
        this.contactSync = fixture.contactSyncSecret()
                .map(secret ->
                        new App(CONTACT_SYNC_AGENT_ID, "通讯录同步", secret, List.of(), roots, LocalDate.EPOCH, List.of()))
                .orElse(null);
        for (App app : fixture.apps()) {
            // Insertion-ordered: the first fixture domain is the default redirect host of /sandbox/codes.
            Set<String> domains = new CopyOnWriteArraySet<>();
            app.trustedDomains().stream().map(Domains::normalize).forEach(domains::add);
            trustedDomains.put(app.agentId(), domains);
        }
    }

    public SandboxFixture fixture() {
        return fixture;
    }

    public Optional<App> app(String agentId) {
        return fixture.app(agentId);
    }

    /** The app (or the contact-sync assistant) a gettoken secret belongs to. */
    public Optional<App> appBySecret(String secret) {
        if (contactSync != null && contactSync.secret().equals(secret)) {
            return Optional.of(contactSync);
        }
        return fixture.apps().stream().filter(a -> a.secret().equals(secret)).findFirst();
    }

    /** The holder of a token: an app of the fixture or the contact-sync assistant. */
    public Optional<App> tokenHolder(String agentId) {
        if (contactSync != null && contactSync.agentId().equals(agentId)) {
            return Optional.of(contactSync);
        }
        return fixture.app(agentId);
    }

    public boolean isContactSync(App app) {
        return app.agentId().equals(CONTACT_SYNC_AGENT_ID);
    }

    /** Whether contact-detail reads by this token holder are refused because it calls from a new IP (48009, A5). */
    public boolean blockedAsNewContactSyncIp(App app) {
        return isContactSync(app) && fixture.corp().contactSyncNewIp();
    }

    public Optional<Department> department(int id) {
        return Optional.ofNullable(departments.get(id));
    }

    /** The department and all its sub-departments, in fixture order. */
    public List<Department> subtree(int id) {
        return fixture.departments().stream().filter(d -> isWithin(d.id(), id)).toList();
    }

    /** The app whose mini program is {@code appid}, see doc 91507. */
    public Optional<App> appOfMiniProgram(String appid) {
        return fixture.apps().stream()
                .filter(a -> a.miniprogramAppids().contains(appid))
                .findFirst();
    }

    public Optional<Member> member(String userid) {
        return fixture.member(userid).filter(m -> !deleted.contains(m.userid())).map(this::current);
    }

    /** The corp's members now, in fixture order: deleted ones left out, statuses as changed. */
    public List<Member> members() {
        return fixture.members().stream()
                .filter(m -> !deleted.contains(m.userid()))
                .map(this::current)
                .toList();
    }

    private Member current(Member m) {
        Integer status = statuses.get(m.userid());
        if (status == null || status == m.status()) {
            return m;
        }
        return new Member(
                m.userid(),
                m.name(),
                m.department(),
                m.order(),
                m.position(),
                m.mobile(),
                m.gender(),
                m.email(),
                m.bizMail(),
                m.avatar(),
                m.telephone(),
                m.alias(),
                m.address(),
                m.qrCode(),
                status,
                m.isLeaderInDept(),
                m.directLeader(),
                m.mainDepartment());
    }

    /** Sets a member's status (1 active, 2 disabled, 4 not activated, 5 left). */
    public void setStatus(String userid, int status) {
        Member m = member(userid).orElseThrow(() -> new IllegalArgumentException("Unknown userid " + userid));
        statuses.put(m.userid(), status);
    }

    /** Deletes a member from the corp. */
    public void delete(String userid) {
        Member m = member(userid).orElseThrow(() -> new IllegalArgumentException("Unknown userid " + userid));
        deleted.add(m.userid());
    }

    /** Takes a member out of the app's visible range ({@code false}) or puts them back ({@code true}). */
    public void setVisible(String agentId, String userid, boolean visible) {
        if (fixture.app(agentId).isEmpty()) {
            throw new IllegalArgumentException("Unknown agentid " + agentId);
        }
        Member m = member(userid).orElseThrow(() -> new IllegalArgumentException("Unknown userid " + userid));
        Set<String> hidden = hiddenFrom.computeIfAbsent(agentId, a -> ConcurrentHashMap.newKeySet());
        if (visible) {
            hidden.remove(m.userid());
        } else {
            hidden.add(m.userid());
        }
    }

    /** The app's trusted domains now, in the order they were configured. */
    public List<String> trustedDomains(String agentId) {
        Set<String> domains = trustedDomains.get(agentId);
        return domains == null ? List.of() : List.copyOf(domains);
    }

    public void addTrustedDomain(String agentId, String domain) {
        Set<String> domains = trustedDomains.get(agentId);
        if (domains == null) {
            throw new IllegalArgumentException("Unknown agentid " + agentId);
        }
        domains.add(Domains.normalize(domain));
    }

    public boolean trusts(String agentId, String domain) {
        Set<String> domains = trustedDomains.get(agentId);
        return domains != null && domains.contains(Domains.normalize(domain));
    }

    /** Whether {@code member} is in the app's visible range through any of their departments. */
    public boolean canSee(App app, Member member) {
        Set<String> hidden = hiddenFrom.get(app.agentId());
        if (hidden != null && hidden.contains(member.userid())) {
            return false;
        }
        return member.department().stream().anyMatch(d -> canSeeDepartment(app, d));
    }

    /** Whether the department or one of its ancestors is in the app's visible departments. */
    public boolean canSeeDepartment(App app, int departmentId) {
        return app.visibleDepartments().stream().anyMatch(visible -> isWithin(departmentId, visible));
    }

    /** Whether {@code departmentId} is {@code ancestorId} or below it. */
    private boolean isWithin(int departmentId, int ancestorId) {
        Set<Integer> seen = new HashSet<>(); // guards against a parentid cycle in a hand-written fixture
        Department d = departments.get(departmentId);
        while (d != null && seen.add(d.id())) {
            if (d.id() == ancestorId) {
                return true;
            }
            d = departments.get(d.parentId());
        }
        return false;
    }

    /** Indexes into {@code member.department()} the app may see, for filtering the aligned arrays of user/get. */
    public List<Integer> visibleDepartmentIndexes(App app, Member member) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < member.department().size(); i++) {
            if (canSeeDepartment(app, member.department().get(i))) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
