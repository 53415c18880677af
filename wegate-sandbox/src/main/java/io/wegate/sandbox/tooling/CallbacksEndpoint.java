package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxClock;
import io.wegate.sandbox.callback.Callbacks;
import io.wegate.sandbox.callback.MemberChanges;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.net.URI;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console and the administrator, for callbacks:
 *
 * <ul>
 *   <li>{@code POST /sandbox/callbacks} {@code {"receiver": "1000002" | "contact-sync" | "<wechat appid>", "url",
 *       "token", "encoding_aes_key", "saved_before_2022_08_15": false}}: saves a callback URL after verifying it as
 *       the console does; {@code GET /sandbox/callbacks}: every delivery attempt;
 *   <li>{@code POST /sandbox/members} {@code {"userid", "action": "disable" | "enable" | "delete" | "hide" | "show",
 *       "agentid", "silent": false}} (agentid for hide and show: the app's visible range): changes the member and
 *       delivers the events a real corp delivers ({@code silent}: none, as when the range changes by department);
 *   <li>{@code POST /sandbox/wechat/revocations} {@code {"appid", "openid", "event": "user_authorization_revoke" |
 *       "user_authorization_cancellation", "revoke_info": "1"}}: what WeChat pushes when a user withdraws an
 *       authorisation or deletes their account;
 *   <li>{@code POST /sandbox/faults/callbacks} {@code {"fault": "duplicate" | "bad_signature" | "wrong_receive_id",
 *       "count": 1}}: the next deliveries are delivered twice, badly signed, or encrypted for another corp;
 *       {@code DELETE} clears them.
 * </ul>
 */
public final class CallbacksEndpoint {

    public static final String PATH = "/sandbox/callbacks";
    public static final String MEMBERS_PATH = "/sandbox/members";
    public static final String REVOCATIONS_PATH = "/sandbox/wechat/revocations";
    public static final String FAULTS_PATH = "/sandbox/faults/callbacks";

    private final Callbacks callbacks;
    private final MemberChanges members;
    private final WeComDirectory directory;
    private final WeChatDirectory wechat;
    private final SandboxClock clock;

    public CallbacksEndpoint(
            Callbacks callbacks,
            MemberChanges members,
            WeComDirectory directory,
            WeChatDirectory wechat,
            SandboxClock clock) {
        this.callbacks = callbacks;
        this.members = members;
        this.directory = directory;
        this.wechat = wechat;
        this.clock = clock;
    }

    public SandboxResponse configure(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        String receiver = JsonBodies.requiredText(body, "receiver");
        URI url;
        try {
            url = URI.create(JsonBodies.requiredText(body, "url"));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("\"url\" is not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw HttpProblem.badRequest("\"url\" must be http or https");
        }
        try {
            configure(
                    receiver,
                    url,
                    JsonBodies.requiredText(body, "token"),
                    JsonBodies.requiredText(body, "encoding_aes_key"),
                    JsonBodies.flag(body, "saved_before_2022_08_15"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        return SandboxResponse.json(200, Json.object().put("receiver", receiver).put("verified", true));
    }

    /** Saves a receiver (see {@link Callbacks#configure}); the receive id follows from who the receiver is. */
    public void configure(String receiver, URI url, String token, String key, boolean legacy) {
        String corp = directory.fixture().corpId();
        if (receiver.equals(Callbacks.CONTACT_SYNC) || directory.app(receiver).isPresent()) {
            callbacks.configure(receiver, url, token, key, corp, false, null, legacy);
        } else if (wechat.app(receiver).isPresent()) {
            callbacks.configure(receiver, url, token, key, receiver, true, ghId(receiver), false);
        } else {
            throw new IllegalArgumentException("Unknown receiver " + receiver
                    + ": an agentid of the corp, \"contact-sync\", or a WeChat appid of the fixture");
        }
    }

    public SandboxResponse deliveries(SandboxRequest request) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("deliveries");
        for (Callbacks.Delivery d : callbacks.deliveries()) {
            list.addObject()
                    .put("id", d.id())
                    .put("receiver", d.receiver())
                    .put("event", d.event())
                    .put("attempt", d.attempt())
                    .put("status", d.status())
                    .put("outcome", d.outcome())
                    .put("at", d.at().toString());
        }
        return SandboxResponse.json(200, out);
    }

    public SandboxResponse member(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        String userid = JsonBodies.requiredText(body, "userid");
        String action = JsonBodies.requiredText(body, "action");
        try {
            switch (action) {
                case "disable" -> members.disable(userid);
                case "enable" -> members.enable(userid);
                case "delete" -> members.delete(userid);
                case "hide", "show" ->
                    members.setVisible(
                            JsonBodies.requiredText(body, "agentid"),
                            userid,
                            action.equals("show"),
                            JsonBodies.flag(body, "silent"));
                default ->
                    throw HttpProblem.badRequest(
                            "\"action\" must be disable, enable, delete, hide or show (hide/show need \"agentid\")");
            }
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        return SandboxResponse.json(200, Json.object().put("userid", userid).put("action", action));
    }

    public SandboxResponse revocation(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        String appid = JsonBodies.requiredText(body, "appid");
        String openid = JsonBodies.requiredText(body, "openid");
        String event = JsonBodies.requiredText(body, "event");
        if (!event.equals("user_authorization_revoke") && !event.equals("user_authorization_cancellation")) {
            throw HttpProblem.badRequest(
                    "\"event\" must be user_authorization_revoke or user_authorization_cancellation");
        }
        if (wechat.app(appid).isEmpty()) {
            throw HttpProblem.badRequest("Unknown appid " + appid);
        }
        String info = JsonBodies.optionalText(body, "revoke_info");
        String xml = "<xml><ToUserName><![CDATA[" + ghId(appid) + "]]></ToUserName><FromUserName><![CDATA["
                + "oNotifyService]]></FromUserName><CreateTime>"
                + clock.instant().getEpochSecond()
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event><OpenID>"
                + "<![CDATA[" + openid.replace("]]>", "") + "]]></OpenID><AppID><![CDATA[" + appid + "]]></AppID>"
                + (info == null ? "" : "<RevokeInfo><![CDATA[" + info.replace("]]>", "") + "]]></RevokeInfo>")
                + "</xml>";
        callbacks.send(appid, event, xml, null);
        return SandboxResponse.json(200, Json.object().put("appid", appid).put("event", event));
    }

    public SandboxResponse fault(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        String name = JsonBodies.requiredText(body, "fault");
        Callbacks.Fault fault;
        try {
            fault = Callbacks.Fault.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("\"fault\" must be duplicate, bad_signature or wrong_receive_id");
        }
        Long count = JsonBodies.optionalLong(body, "count", 1, 1000);
        callbacks.fault(fault, count == null ? 1 : count.intValue());
        return SandboxResponse.json(200, Json.object().put("fault", name).put("count", count == null ? 1 : count));
    }

    public SandboxResponse clearFaults(SandboxRequest request) {
        callbacks.clearFaults();
        return SandboxResponse.json(200, Json.object().put("cleared", true));
    }

    /** A stable original id (gh_…) for a WeChat app of the fixture. */
    static String ghId(String appid) {
        return "gh_" + Integer.toHexString(appid.hashCode() & 0x7fffffff) + "0000";
    }
}
