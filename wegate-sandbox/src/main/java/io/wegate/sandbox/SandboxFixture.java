package io.wegate.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated corp: its departments, self-built apps, members and the one non-member WeChat user the authorize page
 * offers, plus the WeChat side (official account, website app, mini programs and their users, see {@link
 * WeChatFixture}). Immutable; runtime changes (extra trusted domains) live in the running {@link Sandbox}.
 *
 * <p>Field names in the JSON file follow the WeCom API (e.g. {@code agentid}, {@code is_leader_in_dept}), see <a
 * href="https://developer.work.weixin.qq.com/document/path/90196">读取成员</a>.
 */
public record SandboxFixture(
        Corp corp,
        List<Department> departments,
        List<App> apps,
        List<Member> members,
        Guest guest,
        WeChatFixture wechat) {

    private static final String DEMO_RESOURCE = "demo-corp.json";

    public SandboxFixture {
        Objects.requireNonNull(corp, "corp");
        departments = List.copyOf(Objects.requireNonNullElse(departments, List.of()));
        apps = List.copyOf(Objects.requireNonNullElse(apps, List.of()));
        members = List.copyOf(Objects.requireNonNullElse(members, List.of()));
        guest = guest != null ? guest : Guest.derivedFrom(corp.corpId());
        wechat = wechat != null ? wechat : new WeChatFixture(List.of(), List.of());
        FixtureValidator.validate(corp, departments, apps, members);
    }

    /** A corp without a WeChat side, the shape fixtures had before WeChat was simulated. */
    public SandboxFixture(Corp corp, List<Department> departments, List<App> apps, List<Member> members, Guest guest) {
        this(corp, departments, apps, members, guest, null);
    }

    /** The built-in demo corp ({@code demo-corp.json} on the classpath). */
    public static SandboxFixture demo() {
        try (InputStream in = SandboxFixture.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + DEMO_RESOURCE);
            }
            return FixtureJson.read(in.readAllBytes(), DEMO_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEMO_RESOURCE, e);
        }
    }

    /** Reads a fixture in the same JSON shape as {@code demo-corp.json}; fails with a message naming the problem. */
    public static SandboxFixture load(Path jsonFile) {
        try {
            return FixtureJson.read(Files.readAllBytes(jsonFile), jsonFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + jsonFile, e);
        }
    }

    public String corpId() {
        return corp.corpId();
    }

    public String corpName() {
        return corp.name();
    }

    public Optional<App> app(String agentId) {
        return apps.stream().filter(a -> a.agentId().equals(agentId)).findFirst();
    }

    /** Looks a member up case-insensitively, as WeCom treats userids. */
    public Optional<Member> member(String userid) {
        if (userid == null) {
            return Optional.empty();
        }
        String wanted = userid.toLowerCase(Locale.ROOT);
        return members.stream()
                .filter(m -> m.userid().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    public Optional<Department> department(int id) {
        return departments.stream().filter(d -> d.id() == id).findFirst();
    }

    /** The secret of the contact-sync assistant (通讯录同步), if the corp has one. */
    public Optional<String> contactSyncSecret() {
        return Optional.ofNullable(corp.contactSyncSecret());
    }

    public List<WeChatFixture.App> wechatApps() {
        return wechat.apps();
    }

    public Optional<WeChatFixture.App> wechatApp(String appid) {
        return wechat.app(appid);
    }

    public List<WeChatFixture.User> wechatUsers() {
        return wechat.users();
    }

    public Optional<WeChatFixture.User> wechatUser(String key) {
        return wechat.user(key);
    }

    /**
     * The enterprise (企业).
     *
     * @param contactSyncSecret the secret of the contact-sync assistant (通讯录同步), whose token may read the whole
     *     directory and is the only one allowed on {@code user/list_id}; {@code null} if the corp has none
     * @param contactSyncNewIp whether the sandbox plays an IP newly added to contact sync after 2022-08-15, which may
     *     no longer read contact details (48009, fact sheet A5/A8)
     */
    public record Corp(
            @JsonProperty("corpid") String corpId,
            @JsonProperty("name") String name,
            @JsonProperty("contact_sync_secret") String contactSyncSecret,
            @JsonProperty("contact_sync_new_ip") boolean contactSyncNewIp) {

        public Corp(String corpId, String name) {
            this(corpId, name, null, false);
        }
    }

    /** A department; see <a href="https://developer.work.weixin.qq.com/document/path/90208">获取部门列表</a>. */
    public record Department(
            @JsonProperty("id") int id,
            @JsonProperty("name") String name,
            @JsonProperty("name_en") String nameEn,
            @JsonProperty("parentid") int parentId,
            @JsonProperty("order") long order,
            @JsonProperty("department_leader") List<String> departmentLeader) {

        public Department {
            nameEn = Objects.requireNonNullElse(nameEn, "");
            departmentLeader = List.copyOf(Objects.requireNonNullElse(departmentLeader, List.of()));
        }
    }

    /**
     * A self-built app (自建应用). {@code createdOn} decides whether the 2022-06-20 privacy rule applies; see <a
     * href="https://developer.work.weixin.qq.com/document/path/96067">adaptation advice</a>.
     *
     * @param miniprogramAppids the WeCom mini programs associated with the app: their {@code wx.qy.login} codes are
     *     exchanged with this app's token (<a href="https://developer.work.weixin.qq.com/document/path/91507">doc
     *     91507</a>)
     */
    public record App(
            @JsonProperty("agentid") String agentId,
            @JsonProperty("name") String name,
            @JsonProperty("secret") String secret,
            @JsonProperty("trusted_domains") List<String> trustedDomains,
            @JsonProperty("visible_departments") List<Integer> visibleDepartments,
            @JsonProperty("created_on") LocalDate createdOn,
            @JsonProperty("miniprogram_appids") List<String> miniprogramAppids) {

        /** Apps created from this day on no longer see sensitive fields through the contact APIs. */
        public static final LocalDate PRIVACY_RULE_START = LocalDate.of(2022, 6, 20);

        public App {
            trustedDomains = List.copyOf(Objects.requireNonNullElse(trustedDomains, List.of()));
            visibleDepartments = List.copyOf(Objects.requireNonNullElse(visibleDepartments, List.of()));
            miniprogramAppids = List.copyOf(Objects.requireNonNullElse(miniprogramAppids, List.of()));
        }

        /** An app without an associated mini program. */
        public App(
                String agentId,
                String name,
                String secret,
                List<String> trustedDomains,
                List<Integer> visibleDepartments,
                LocalDate createdOn) {
            this(agentId, name, secret, trustedDomains, visibleDepartments, createdOn, null);
        }

        public boolean privacyRuleApplies() {
            return !createdOn.isBefore(PRIVACY_RULE_START);
        }
    }

    /** A member (成员); fields as in <a href="https://developer.work.weixin.qq.com/document/path/90196">读取成员</a>. */
    public record Member(
            @JsonProperty("userid") String userid,
            @JsonProperty("name") String name,
            @JsonProperty("department") List<Integer> department,
            @JsonProperty("order") List<Long> order,
            @JsonProperty("position") String position,
            @JsonProperty("mobile") String mobile,
            @JsonProperty("gender") String gender,
            @JsonProperty("email") String email,
            @JsonProperty("biz_mail") String bizMail,
            @JsonProperty("avatar") String avatar,
            @JsonProperty("telephone") String telephone,
            @JsonProperty("alias") String alias,
            @JsonProperty("address") String address,
            @JsonProperty("qr_code") String qrCode,
            @JsonProperty("status") int status,
            @JsonProperty("is_leader_in_dept") List<Integer> isLeaderInDept,
            @JsonProperty("direct_leader") List<String> directLeader,
            @JsonProperty("main_department") int mainDepartment) {

        public static final int STATUS_ACTIVE = 1;

        public Member {
            department = List.copyOf(Objects.requireNonNullElse(department, List.of()));
            order = alignedOrZeros(order, department.size(), 0L);
            isLeaderInDept = alignedOrZeros(isLeaderInDept, department.size(), 0);
            directLeader = List.copyOf(Objects.requireNonNullElse(directLeader, List.of()));
            position = Objects.requireNonNullElse(position, "");
            mobile = Objects.requireNonNullElse(mobile, "");
            gender = Objects.requireNonNullElse(gender, "0");
            email = Objects.requireNonNullElse(email, "");
            bizMail = Objects.requireNonNullElse(bizMail, "");
            avatar = Objects.requireNonNullElse(avatar, "");
            telephone = Objects.requireNonNullElse(telephone, "");
            alias = Objects.requireNonNullElse(alias, "");
            address = Objects.requireNonNullElse(address, "");
            if (qrCode == null && userid != null) {
                // Real QR-code URLs carry an opaque vcode; a stable per-user value is enough for a simulator.
                qrCode = "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc"
                        + Integer.toHexString(userid.hashCode() & 0x7fffffff);
            }
            if (mainDepartment == 0 && !department.isEmpty()) {
                mainDepartment = department.getFirst();
            }
        }

        /** Only activated members can sign in to the WeCom client, so only they appear on the authorize page. */
        public boolean active() {
            return status == STATUS_ACTIVE;
        }

        /** The thumbnail URL WeCom derives from the avatar by replacing the trailing {@code /0} with {@code /100}. */
        public String thumbAvatar() {
            return avatar.endsWith("/0") ? avatar.substring(0, avatar.length() - 2) + "/100" : avatar;
        }

        private static <T> List<T> alignedOrZeros(List<T> values, int size, T zero) {
            if (values != null && !values.isEmpty()) {
                return List.copyOf(values);
            }
            return List.copyOf(Collections.nCopies(size, zero));
        }
    }

    /**
     * The WeChat user who is not a member of the corp. {@code openid} is stable per corp; {@code external_userid} models
     * them as a customer (客户) of the corp, which is when WeCom returns it.
     */
    public record Guest(
            @JsonProperty("openid") String openid,
            @JsonProperty("external_userid") String externalUserid) {

        static Guest derivedFrom(String corpId) {
            String suffix = Integer.toHexString(Objects.hashCode(corpId) & 0x7fffffff);
            return new Guest("oGuest" + suffix, "wmGuest" + suffix);
        }
    }
}
