package io.wegate.server.directory;

import io.wegate.client.UpstreamException;
import io.wegate.client.wecom.WeComDepartment;
import io.wegate.client.wecom.WeComUser;
import io.wegate.server.account.AccountService;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.account.Mobiles;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import io.wegate.server.upstream.UpstreamClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports the WeCom directory an app can see: every member becomes a provisioned account (so the
 * {@code existing-only} link policy lets them in) with its departments kept on the account. Explains
 * the restrictions WeCom puts on new apps when they bite, instead of failing obscurely.
 */
@Service
public class WeComDirectoryImport {

    /** What an import did, and what it could not do. */
    public record Report(int departments, int members, int accountsCreated, List<String> notes) {}

    private final UpstreamClients clients;
    private final AccountService accounts;
    private final AccountStore store;
    private final JsonMapper json;

    public WeComDirectoryImport(UpstreamClients clients, AccountService accounts, AccountStore store, JsonMapper json) {
        this.clients = clients;
        this.accounts = accounts;
        this.store = store;
        this.json = json;
    }

    public Report run(WeComLoginApp app) {
        List<String> notes = new ArrayList<>();
        List<WeComDepartment> departments = departments(app, notes);
        Map<String, WeComUser> members = new TreeMap<>();
        Map<String, Map<Integer, String>> membership = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        departments.forEach(d -> names.put(d.id(), d.name()));
        for (WeComDepartment d : departments) {
            List<WeComUser> users;
            try {
                users = clients.wecom(app).directory().members(app.app(), d.id());
            } catch (UpstreamException e) {
                notes.add(explain(e, "user/list of department " + d.id()));
                continue;
            }
            for (WeComUser u : users) {
                members.putIfAbsent(u.userId(), u);
                membership.computeIfAbsent(u.userId(), k -> new TreeMap<>());
            }
        }
        // a member's departments are those user/list reports (only the ones this app can see)
        members.values()
                .forEach(u ->
                        u.departments().forEach(id -> membership.get(u.userId()).put(id, names.get(id))));
        int before = (int) store.countAccounts();
        boolean anyMobile = false;
        for (WeComUser u : members.values()) {
            anyMobile |= u.mobile() != null;
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("userid", u.userId());
            profile.put("name", u.name());
            profile.put("department", u.departments());
            String accountId = accounts.provision(
                    IdentityKey.wecom(app.app().corpId(), u.userId()),
                    app.app().agentId(),
                    u.name(),
                    Mobiles.normalize(null, u.mobile()),
                    u.email(),
                    json.writeValueAsString(profile));
            store.replaceDepartments(accountId, app.app().corpId(), membership.get(u.userId()));
        }
        if (!members.isEmpty() && !anyMobile) {
            notes.add("WeCom returned no mobile numbers or emails: apps created on or after 2022-06-20 no longer get"
                    + " them from the contact APIs (企业微信 2022-06-20 起新建应用不再返回手机号、邮箱等字段)."
                    + " Accounts were provisioned by userid; to link by verified mobile, use"
                    + " wegate.wecom.scope=snsapi_privateinfo so that members consent at login.");
        }
        return new Report(departments.size(), members.size(), (int) store.countAccounts() - before, notes);
    }

    private List<WeComDepartment> departments(WeComLoginApp app, List<String> notes) {
        try {
            return clients.wecom(app).directory().departments(app.app());
        } catch (UpstreamException e) {
            notes.add(explain(e, "department/list"));
        }
        try {
            // the doc recommends simplelist anyway; it carries no names, and is allowed where list is not
            return clients.wecom(app).directory().departmentIds(app.app());
        } catch (UpstreamException e) {
            notes.add(explain(e, "department/simplelist"));
            return List.of();
        }
    }

    private static String explain(UpstreamException e, String what) {
        int code = e.errcode().isPresent() ? e.errcode().getAsInt() : 0;
        String why = switch (code) {
            case 48009 ->
                "this IP was added to contact sync after 2022-08-15, so WeCom refuses contact details"
                        + " from it; import from an older IP or with an app secret";
            case 60011 ->
                "the app's visible range (可见范围) does not include it: widen the visible range in the" + " admin console";
            case 48002 -> "this secret may not call this API";
            default -> e.meaningEn() != null ? e.meaningEn() : e.getMessage();
        };
        return what + " failed (errcode " + (code == 0 ? e.failure() : code) + "): " + why;
    }
}
