package io.wegate.sandbox.wecom;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.SandboxFixture.Member;
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
 */
public final class WeComDirectory {

    private final SandboxFixture fixture;
    private final Map<Integer, Department> departments;
    private final Map<String, Set<String>> trustedDomains = new ConcurrentHashMap<>();

    public WeComDirectory(SandboxFixture fixture) {
        this.fixture = fixture;
        this.departments = fixture.departments().stream()
                .collect(Collectors.toUnmodifiableMap(Department::id, Function.identity()));
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

    public Optional<App> appBySecret(String secret) {
        return fixture.apps().stream().filter(a -> a.secret().equals(secret)).findFirst();
    }

    public Optional<Member> member(String userid) {
        return fixture.member(userid);
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
        return member.department().stream().anyMatch(d -> canSeeDepartment(app, d));
    }

    /** Whether the department or one of its ancestors is in the app's visible departments. */
    public boolean canSeeDepartment(App app, int departmentId) {
        Set<Integer> seen = new HashSet<>(); // guards against a parentid cycle in a hand-written fixture
        Department d = departments.get(departmentId);
        while (d != null && seen.add(d.id())) {
            if (app.visibleDepartments().contains(d.id())) {
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
