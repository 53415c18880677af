package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.sandbox.http.QueryString;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void parseThenDecodesAndFirstValueWins() {
        assertThat(QueryString.parse("a=1&b=%E4%BD%A0+x&a=2&flag&=&"))
                .containsEntry("a", "1")
                .containsEntry("b", "你 x")
                .containsEntry("flag", "");
    }

    @Test
    void parseWhenEscapeBrokenThenIllegalArgument() {
        assertThatThrownBy(() -> QueryString.parse("corpid=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withCodeThenKeepsQueryAndFragmentAndEncodesNonAscii() {
        assertThat(RedirectUris.withCode("http://h/cb", "C", "S")).isEqualTo("http://h/cb?code=C&state=S");
        assertThat(RedirectUris.withCode("http://h/cb?x=1#top", "C", null)).isEqualTo("http://h/cb?x=1&code=C#top");
        assertThat(RedirectUris.withCode("http://h/cb?", "C", null)).isEqualTo("http://h/cb?code=C");
        assertThat(RedirectUris.withCode("http://h/回调", "C", null)).isEqualTo("http://h/%E5%9B%9E%E8%B0%83?code=C");
    }
}
