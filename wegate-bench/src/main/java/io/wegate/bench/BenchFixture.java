package io.wegate.bench;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the driver needs from {@code GET <sandbox>/sandbox/fixture}: who can log in and which apps the gateway uses.
 * In sandbox mode the gateway's default app of each kind is the fixture's first one, so those are the apps the codes
 * are minted for.
 *
 * @param wecomMembers userids of the active members ({@code status} 1)
 * @param agentId the first WeCom app's agentid
 * @param wechatUsers keys of the WeChat users that are not {@code blocked} (blocked users' mini-program logins answer
 *     40226)
 * @param officialAccount appid of the first {@code official-account} app, or {@code null}
 * @param website appid of the first {@code website} app, or {@code null}
 * @param miniProgram appid of the first {@code miniprogram} app, or {@code null}
 * @param miniProgramUnionidBound whether that mini program is bound to the Open Platform (logins carry the unionid)
 */
record BenchFixture(
        List<String> wecomMembers,
        String agentId,
        List<String> wechatUsers,
        String officialAccount,
        String website,
        String miniProgram,
        boolean miniProgramUnionidBound) {

    static BenchFixture of(JsonNode fixture) {
        JsonNode wechat = fixture.path("wechat");
        JsonNode mini = firstApp(wechat, "miniprogram");
        return new BenchFixture(
                activeMembers(fixture),
                firstAgentId(fixture),
                wechatUsers(wechat),
                appId(firstApp(wechat, "official-account")),
                appId(firstApp(wechat, "website")),
                appId(mini),
                mini != null && mini.path("unionid_bound").asBoolean(false));
    }

    /** Every member that can sign in ({@code status} 1), from {@code members} or {@code corp.members}. */
    static List<String> activeMembers(JsonNode fixture) {
        JsonNode members = fixture.path("members");
        if (!members.isArray()) {
            members = fixture.path("corp").path("members");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode member : members) {
            JsonNode status = member.get("status");
            JsonNode userid = member.get("userid");
            if (userid != null && userid.isString() && (status == null || status.asInt() == 1)) {
                ids.add(userid.asString());
            }
        }
        return ids;
    }

    /** The first app's agentid, from {@code apps} or {@code corp.apps}; {@code null} without apps. */
    static String firstAgentId(JsonNode fixture) {
        JsonNode apps = fixture.path("apps");
        if (!apps.isArray()) {
            apps = fixture.path("corp").path("apps");
        }
        for (JsonNode app : apps) {
            JsonNode agentId = app.get("agentid");
            if (agentId != null && !agentId.isNull()) {
                return agentId.asString();
            }
        }
        return null;
    }

    /** The corp ID, from {@code corpid} or {@code corp.corpid}; {@code null} without one. */
    static String corpId(JsonNode fixture) {
        JsonNode corpId = fixture.get("corpid");
        if (corpId == null || !corpId.isString()) {
            corpId = fixture.path("corp").get("corpid");
        }
        return corpId != null && corpId.isString() && !corpId.asString().isBlank() ? corpId.asString() : null;
    }

    /** The secret of the WeCom app {@code agentId}, from {@code apps} or {@code corp.apps}; {@code null} without it. */
    static String appSecret(JsonNode fixture, String agentId) {
        JsonNode apps = fixture.path("apps");
        if (!apps.isArray()) {
            apps = fixture.path("corp").path("apps");
        }
        for (JsonNode app : apps) {
            JsonNode id = app.get("agentid");
            JsonNode secret = app.get("secret");
            if (id != null && id.asString().equals(agentId) && secret != null && secret.isString()) {
                return secret.asString();
            }
        }
        return null;
    }

    /** Keys of {@code wechat.users} that are not {@code blocked}. */
    static List<String> wechatUsers(JsonNode wechat) {
        List<String> keys = new ArrayList<>();
        for (JsonNode user : wechat.path("users")) {
            JsonNode key = user.get("key");
            if (key != null && key.isString() && !user.path("blocked").asBoolean(false)) {
                keys.add(key.asString());
            }
        }
        return keys;
    }

    private static JsonNode firstApp(JsonNode wechat, String kind) {
        for (JsonNode app : wechat.path("apps")) {
            if (kind.equals(app.path("kind").asString(""))) {
                return app;
            }
        }
        return null;
    }

    private static String appId(JsonNode app) {
        JsonNode appId = app == null ? null : app.get("appid");
        return appId != null && appId.isString() ? appId.asString() : null;
    }
}
