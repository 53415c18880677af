package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BenchFixtureTest {

    private static final String FIXTURE = """
            {
              "corpid": "ww5a1d2e3f4b6c7d80",
              "apps": [{"agentid": "1000002", "secret": "s2"}, {"agentid": "1000003", "secret": "s3"}],
              "members": [
                {"userid": "zhouba", "status": 1},
                {"userid": "wujiu", "status": 2},
                {"userid": "lisi", "status": 1}
              ],
              "wechat": {
                "apps": [
                  {"appid": "wxoa", "kind": "official-account"},
                  {"appid": "wxweb", "kind": "website"},
                  {"appid": "wxmini", "kind": "miniprogram", "unionid_bound": true},
                  {"appid": "wxmini2", "kind": "miniprogram", "unionid_bound": false}
                ],
                "users": [
                  {"key": "xiaoming", "blocked": false},
                  {"key": "xiaohei", "blocked": true},
                  {"key": "amy"}
                ]
              }
            }
            """;

    @Test
    void ofWhenFixtureThenActiveMembersUnblockedUsersAndFirstAppOfEachKind() {
        BenchFixture fixture = BenchFixture.of(JsonMapper.builder().build().readTree(FIXTURE));
        assertThat(fixture.wecomMembers()).containsExactly("zhouba", "lisi");
        assertThat(fixture.agentId()).isEqualTo("1000002");
        assertThat(fixture.wechatUsers()).containsExactly("xiaoming", "amy");
        assertThat(fixture.officialAccount()).isEqualTo("wxoa");
        assertThat(fixture.website()).isEqualTo("wxweb");
        assertThat(fixture.miniProgram()).isEqualTo("wxmini");
        assertThat(fixture.miniProgramUnionidBound()).isTrue();
    }

    @Test
    void ofWhenNoWeChatSectionThenNoWeChatApps() {
        BenchFixture fixture =
                BenchFixture.of(JsonMapper.builder().build().readTree("{\"corp\":{\"members\":[{\"userid\":\"a\"}]}}"));
        assertThat(fixture.wecomMembers()).containsExactly("a");
        assertThat(fixture.agentId()).isNull();
        assertThat(fixture.wechatUsers()).isEmpty();
        assertThat(fixture.miniProgram()).isNull();
    }

    @Test
    void corpIdAndAppSecretWhenFixtureThenThatAppsSecret() {
        var fixture = JsonMapper.builder().build().readTree(FIXTURE);
        assertThat(BenchFixture.corpId(fixture)).isEqualTo("ww5a1d2e3f4b6c7d80");
        assertThat(BenchFixture.appSecret(fixture, "1000003")).isEqualTo("s3");
        assertThat(BenchFixture.appSecret(fixture, "1000009")).isNull();
    }

    @Test
    void corpIdAndAppSecretWhenCorpSectionThenFromThere() {
        var fixture = JsonMapper.builder()
                .build()
                .readTree("{\"corp\":{\"corpid\":\"ww1\",\"apps\":[{\"agentid\":1000002,\"secret\":\"x\"}]}}");
        assertThat(BenchFixture.corpId(fixture)).isEqualTo("ww1");
        assertThat(BenchFixture.appSecret(fixture, "1000002")).isEqualTo("x");
    }
}
