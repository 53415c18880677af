package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.MINIPROGRAM;
import static io.wegate.sandbox.TestSandbox.MINIPROGRAM_UNBOUND;
import static io.wegate.sandbox.TestSandbox.OFFICIAL_ACCOUNT;
import static io.wegate.sandbox.TestSandbox.WEBSITE;
import static io.wegate.sandbox.TestSandbox.WECOM_MINIPROGRAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class WeChatFixtureTest {

    @TempDir
    Path dir;

    @Test
    void demoThenHasTheWeChatAppsAndUsers() {
        SandboxFixture demo = SandboxFixture.demo();

        assertThat(demo.wechatApps())
                .extracting(WeChatFixture.App::appid)
                .containsExactly(OFFICIAL_ACCOUNT, WEBSITE, MINIPROGRAM, MINIPROGRAM_UNBOUND);
        assertThat(demo.wechatApps()).allSatisfy(app -> {
            assertThat(app.appid()).matches("wx[0-9a-f]{16}");
            assertThat(app.secret()).matches("[0-9a-f]{32}");
        });
        assertThat(demo.wechatApp(OFFICIAL_ACCOUNT).orElseThrow().webAuthDomains())
                .containsExactly("localhost:8080");
        assertThat(demo.wechatApp(WEBSITE).orElseThrow().authDomains()).containsExactly("localhost:8080");
        assertThat(demo.wechatApp(MINIPROGRAM_UNBOUND).orElseThrow().unionidBound())
                .isFalse();
        assertThat(demo.wechatUsers()).hasSizeBetween(5, 6);
        assertThat(demo.wechatUser("xiaoming").orElseThrow().nickname())
                .isEqualTo(demo.wechatUser("xiaoming2").orElseThrow().nickname())
                .isEqualTo("小明");
        assertThat(demo.app("1000002").orElseThrow().miniprogramAppids()).containsExactly(WECOM_MINIPROGRAM);
        assertThat(demo.contactSyncSecret()).isPresent();
        assertThat(demo.corp().contactSyncNewIp()).isFalse();
    }

    @Test
    void openidForThenStablePerAppAndDifferentAcrossAppsAndUsers() {
        WeChatFixture.User xiaoming =
                SandboxFixture.demo().wechatUser("xiaoming").orElseThrow();
        WeChatFixture.User again = SandboxFixture.demo().wechatUser("xiaoming").orElseThrow();
        WeChatFixture.User other = SandboxFixture.demo().wechatUser("xiaoming2").orElseThrow();

        assertThat(xiaoming.openidFor(OFFICIAL_ACCOUNT))
                .matches("o[A-Za-z0-9_-]{27}")
                .isEqualTo(again.openidFor(OFFICIAL_ACCOUNT))
                .isNotEqualTo(xiaoming.openidFor(MINIPROGRAM))
                .isNotEqualTo(other.openidFor(OFFICIAL_ACCOUNT))
                .isNotEqualTo(xiaoming.snapshotOpenidFor(OFFICIAL_ACCOUNT));
        assertThat(xiaoming.snapshotUnionidFor(OFFICIAL_ACCOUNT)).isNotEqualTo(xiaoming.unionid());
    }

    @Test
    void fixtureEndpointThenDescribesWeChatAppsWithSecretsAndUsersWithOpenidsPerApp() {
        try (TestSandbox sandbox = TestSandbox.start()) {
            sandbox.sandbox.addWeChatDomain(WEBSITE, "127.0.0.1:7000");

            JsonNode fixture = sandbox.getJson("/sandbox/fixture");
            JsonNode website = fixture.get("wechat").get("apps").get(1);
            JsonNode miniprogram = fixture.get("wechat").get("apps").get(2);
            JsonNode xiaoming = fixture.get("wechat").get("users").get(0);

            assertThat(website.get("kind").asString()).isEqualTo("website");
            assertThat(website.get("secret").asString()).hasSize(32);
            assertThat(website.get("auth_domains").toString()).contains("127.0.0.1:7000");
            assertThat(website.has("web_auth_domains")).isFalse();
            assertThat(miniprogram.has("auth_domains")).isFalse();
            assertThat(xiaoming.get("key").asString()).isEqualTo("xiaoming");
            assertThat(xiaoming.get("unionid").asString())
                    .isEqualTo(sandbox.wechatUser("xiaoming").unionid());
            assertThat(xiaoming.get("openids").get(MINIPROGRAM).asString())
                    .isEqualTo(sandbox.wechatUser("xiaoming").openidFor(MINIPROGRAM));
            assertThat(fixture.get("contact_sync").get("secret").asString()).hasSize(43);
            assertThat(fixture.get("apps")
                            .get(0)
                            .get("miniprogram_appids")
                            .get(0)
                            .asString())
                    .isEqualTo(WECOM_MINIPROGRAM);
        }
    }

    @Test
    void loadWhenFixtureHasNoWeChatSectionThenEmptyWeChatSide() throws IOException {
        Path file = dir.resolve("corp.json");
        Files.writeString(file, """
                {"corp": {"corpid": "ww0123456789abcdef", "name": "Test"},
                 "departments": [{"id": 1, "name": "Root", "parentid": 0, "order": 1}],
                 "apps": [], "members": []}
                """);

        SandboxFixture fixture = SandboxFixture.load(file);

        assertThat(fixture.wechatApps()).isEmpty();
        assertThat(fixture.contactSyncSecret()).isEmpty();
    }

    @Test
    void loadWhenWeChatSectionInconsistentThenMessageNamesTheProblem() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"corp": {"corpid": "ww0123456789abcdef", "name": "Test"}, "departments": [], "apps": [],
                 "members": [],
                 "wechat": {"apps": [{"appid": "wx1", "kind": "miniprogram", "name": "M", "secret": "s",
                                      "web_auth_domains": ["a.test"]}], "users": []}}
                """);

        assertThatThrownBy(() -> SandboxFixture.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only an official account has web_auth_domains");
    }

    @Test
    void addWeChatDomainWhenMiniProgramOrBadDomainThenIllegalArgument() {
        try (TestSandbox sandbox = TestSandbox.start()) {
            assertThatThrownBy(() -> sandbox.sandbox.addWeChatDomain(MINIPROGRAM, "a.test"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sandbox.sandbox.addWeChatDomain(OFFICIAL_ACCOUNT, "http://a.test/"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sandbox.sandbox.addWeChatDomain("wx0", "a.test"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
