package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxFixtureTest {

    @TempDir
    Path dir;

    @Test
    void demoThenHasTheDocumentedCorpAppsAndMembers() {
        SandboxFixture demo = SandboxFixture.demo();

        assertThat(demo.corpId()).hasSize(18).startsWith("ww");
        assertThat(demo.corpName()).isEqualTo("示例科技有限公司 (wegate demo)");
        assertThat(demo.apps()).extracting(SandboxFixture.App::agentId).containsExactly("1000002", "1000003");
        SandboxFixture.App app = demo.app("1000002").orElseThrow();
        assertThat(app.createdOn()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(app.privacyRuleApplies()).isTrue();
        assertThat(demo.app("1000003").orElseThrow().privacyRuleApplies()).isFalse();
        assertThat(demo.members()).hasSizeBetween(6, 8);
        assertThat(demo.member("ZHANGSAN")).map(SandboxFixture.Member::name).hasValue("张三");
        assertThat(demo.member("zhangsan").orElseThrow().department()).containsExactly(2);
    }

    @Test
    void loadWhenFileIsValidThenSameShapeAsDemo() throws IOException {
        Path file = dir.resolve("corp.json");
        Files.writeString(file, """
                {"corp": {"corpid": "ww0123456789abcdef", "name": "Test"},
                 "departments": [{"id": 1, "name": "Root", "parentid": 0, "order": 1}],
                 "apps": [{"agentid": "1", "name": "A", "secret": "s", "trusted_domains": ["a.test"],
                           "visible_departments": [1], "created_on": "2020-01-01"}],
                 "members": [{"userid": "u", "name": "U", "department": [1], "status": 1}]}
                """);

        SandboxFixture fixture = SandboxFixture.load(file);

        assertThat(fixture.member("u").orElseThrow().mainDepartment()).isEqualTo(1);
        assertThat(fixture.member("u").orElseThrow().order()).containsExactly(0L);
        assertThat(fixture.guest().openid()).isNotBlank();
    }

    @Test
    void loadWhenFixtureInconsistentThenMessageNamesTheProblem() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"corp": {"corpid": "ww0123456789abcdef", "name": "Test"},
                 "departments": [{"id": 1, "name": "Root", "parentid": 0, "order": 1}],
                 "apps": [],
                 "members": [{"userid": "u", "name": "U", "department": [7], "status": 1}]}
                """);

        assertThatThrownBy(() -> SandboxFixture.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member u is in unknown department 7");
    }

    @Test
    void loadWhenKeyMisspeltThenRejected() throws IOException {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, "{\"corp\": {\"corpid\": \"ww1\", \"name\": \"T\"}, \"memebers\": []}");

        assertThatThrownBy(() -> SandboxFixture.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memebers");
    }
}
