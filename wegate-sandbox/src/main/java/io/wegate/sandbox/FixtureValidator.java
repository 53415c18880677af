package io.wegate.sandbox;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Corp;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.SandboxFixture.Member;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rejects fixtures the simulator could not serve consistently, naming the offending entry. */
final class FixtureValidator {

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Set<Integer> STATUSES = Set.of(1, 2, 4, 5);
    private static final Set<String> GENDERS = Set.of("0", "1", "2");

    private FixtureValidator() {}

    static void validate(Corp corp, List<Department> departments, List<App> apps, List<Member> members) {
        require(!blank(corp.corpId()), "corp.corpid is required");
        require(!blank(corp.name()), "corp.name is required");
        Set<Integer> departmentIds = validateDepartments(departments);
        validateApps(apps, departmentIds);
        validateMembers(members, departmentIds);
        if (corp.contactSyncSecret() != null) {
            // gettoken tells the contact-sync assistant from the apps by its secret alone.
            require(
                    !corp.contactSyncSecret().isBlank()
                            && apps.stream()
                                    .noneMatch(a -> corp.contactSyncSecret().equals(a.secret())),
                    "corp.contact_sync_secret must be non-blank and differ from every app secret");
        }
    }

    private static Set<Integer> validateDepartments(List<Department> departments) {
        Set<Integer> ids = new HashSet<>();
        for (Department d : departments) {
            require(ids.add(d.id()), "duplicate department id " + d.id());
            require(!blank(d.name()), "department " + d.id() + " has no name");
        }
        for (Department d : departments) {
            require(
                    d.parentId() == 0 || ids.contains(d.parentId()),
                    "department " + d.id() + " has unknown parentid " + d.parentId());
        }
        return ids;
    }

    private static void validateApps(List<App> apps, Set<Integer> departmentIds) {
        Set<String> agentIds = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        Set<String> miniprograms = new HashSet<>();
        for (App app : apps) {
            require(!blank(app.agentId()), "an app has no agentid");
            String where = "app " + app.agentId();
            require(agentIds.add(app.agentId()), "duplicate agentid " + app.agentId());
            // gettoken identifies the app by its secret, so two apps must never share one.
            require(!blank(app.secret()) && secrets.add(app.secret()), where + " needs a unique secret");
            require(!blank(app.name()), where + " has no name");
            require(app.createdOn() != null, where + " has no created_on");
            for (String domain : app.trustedDomains()) {
                require(DOMAIN.matcher(domain).matches(), where + " has an invalid trusted domain: " + domain);
            }
            for (int id : app.visibleDepartments()) {
                require(departmentIds.contains(id), where + " lists unknown visible department " + id);
            }
            for (String appid : app.miniprogramAppids()) {
                // A mini program is associated with one app: its codes are exchanged with that app's token.
                require(!blank(appid) && miniprograms.add(appid), where + " lists a blank or shared mini program");
            }
        }
    }

    private static void validateMembers(List<Member> members, Set<Integer> departmentIds) {
        Set<String> userids = new HashSet<>();
        for (Member m : members) {
            require(!blank(m.userid()), "a member has no userid");
            String where = "member " + m.userid();
            require(userids.add(m.userid().toLowerCase(Locale.ROOT)), "duplicate userid " + m.userid());
            require(!blank(m.name()), where + " has no name");
            require(!m.department().isEmpty(), where + " belongs to no department");
            for (int id : m.department()) {
                require(departmentIds.contains(id), where + " is in unknown department " + id);
            }
            require(m.order().size() == m.department().size(), where + ": order must align with department");
            require(
                    m.isLeaderInDept().size() == m.department().size(),
                    where + ": is_leader_in_dept must align with department");
            require(m.department().contains(m.mainDepartment()), where + ": main_department must be a department");
            require(STATUSES.contains(m.status()), where + ": status must be 1, 2, 4 or 5");
            require(GENDERS.contains(m.gender()), where + ": gender must be \"0\", \"1\" or \"2\"");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
