package io.wegate.sandbox.callback;

import io.wegate.sandbox.SandboxClock;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.util.List;

/**
 * Changes to the corp's members that an administrator makes (disable, enable, delete, take out of or put back into
 * an app's visible range), and the events a real corp then delivers (FACTS-callbacks.md A11.4, A11.5):
 *
 * <ul>
 *   <li>every self-built app whose visible range the member leaves (disabled, deleted, taken out) gets
 *       {@code unsubscribe} from the member, and {@code subscribe} when they come back (doc 90376, 2025-11-26 text);
 *   <li>the contact-sync assistant gets {@code change_contact / delete_user} for a deletion, and
 *       {@code update_user} with {@code Status} for a status change only where its URL was saved before 2022-08-15
 *       (after that, update_user fires only for department or userid changes).
 * </ul>
 */
public final class MemberChanges {

    private final WeComDirectory directory;
    private final Callbacks callbacks;
    private final SandboxClock clock;

    public MemberChanges(WeComDirectory directory, Callbacks callbacks, SandboxClock clock) {
        this.directory = directory;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public void disable(String userid) {
        Member before = member(userid);
        List<App> saw = appsSeeing(before);
        directory.setStatus(userid, 2);
        saw.forEach(a -> appEvent(a, before.userid(), "unsubscribe"));
        if (before.active() && callbacks.legacyContactSync()) {
            contactEvent("update_user", before.userid(), "<Status>2</Status>");
        }
    }

    public void enable(String userid) {
        Member before = member(userid);
        directory.setStatus(userid, 1);
        Member after = member(userid);
        if (!before.active()) {
            appsSeeing(after).forEach(a -> appEvent(a, after.userid(), "subscribe"));
            if (callbacks.legacyContactSync()) {
                contactEvent("update_user", after.userid(), "<Status>1</Status>");
            }
        }
    }

    public void delete(String userid) {
        Member before = member(userid);
        List<App> saw = appsSeeing(before);
        directory.delete(userid);
        contactEvent("delete_user", before.userid(), "");
        saw.forEach(a -> appEvent(a, before.userid(), "unsubscribe"));
    }

    public void setVisible(String agentId, String userid, boolean visible) {
        setVisible(agentId, userid, visible, false);
    }

    /**
     * {@link #setVisible(String, String, boolean)}; {@code silent} plays the platform saying nothing (a change of the
     * visible range by department, or an event that never arrived): only reconciliation can catch it.
     */
    public void setVisible(String agentId, String userid, boolean visible, boolean silent) {
        Member m = member(userid);
        App app = directory.app(agentId).orElseThrow(() -> new IllegalArgumentException("Unknown agentid " + agentId));
        boolean before = m.active() && directory.canSee(app, m);
        directory.setVisible(agentId, userid, visible);
        boolean after = m.active() && directory.canSee(app, m);
        if (before != after && !silent) {
            appEvent(app, m.userid(), after ? "subscribe" : "unsubscribe");
        }
    }

    private Member member(String userid) {
        return directory.member(userid).orElseThrow(() -> new IllegalArgumentException("Unknown userid " + userid));
    }

    private List<App> appsSeeing(Member m) {
        if (!m.active()) {
            return List.of();
        }
        return directory.fixture().apps().stream()
                .filter(a -> directory.canSee(a, m))
                .toList();
    }

    private void appEvent(App app, String userid, String event) {
        // the wire order of a real subscribe event: AgentID before Event (A11.5)
        String xml = "<xml><ToUserName>" + cdata(directory.fixture().corpId()) + "</ToUserName><FromUserName>"
                + cdata(userid) + "</FromUserName><CreateTime>"
                + clock.instant().getEpochSecond()
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><AgentID>" + app.agentId() + "</AgentID><Event>"
                + cdata(event) + "</Event><EventKey><![CDATA[]]></EventKey></xml>";
        callbacks.send(app.agentId(), event, xml, app.agentId());
    }

    private void contactEvent(String changeType, String userid, String extra) {
        String xml = "<xml><ToUserName>" + cdata(directory.fixture().corpId())
                + "</ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>"
                + clock.instant().getEpochSecond()
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType>"
                + cdata(changeType) + "</ChangeType><UserID>" + cdata(userid) + "</UserID>" + extra + "</xml>";
        callbacks.send(Callbacks.CONTACT_SYNC, "change_contact/" + changeType, xml, null);
    }

    static String cdata(String v) {
        return "<![CDATA[" + v.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }
}
