package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * return_to against an allow-list: what is normalised and sent in {@code Location}, and what is
 * refused because it would leave the allowed paths or could be read in two ways.
 */
class AllowListTest {

    static final List<String> PREFIXES =
            List.of("https://app.example.com/app/", "https://shop.example.com:8443/", "http://localhost:8080/");

    static Stream<Arguments> allowed() {
        return Stream.of(
                // local paths stay on wegate
                Arguments.of("/", "/"),
                Arguments.of("/x?y=1#z", "/x?y=1#z"),
                Arguments.of("/a/./b", "/a/b"),
                Arguments.of("/a/b/../c", "/a/c"),
                Arguments.of("/a/b/..", "/a/"),
                Arguments.of("/../x", "/x"),
                Arguments.of("/%7Euser/%61%2D%5F", "/~user/a-_"),
                Arguments.of("/%e6%96%87", "/%E6%96%87"),
                Arguments.of("/a%3Bb", "/a%3Bb"),
                // non-ASCII is percent-encoded as UTF-8, so that it fits in a Location header
                Arguments.of("/文档?q=中文#段", "/%E6%96%87%E6%A1%A3?q=%E4%B8%AD%E6%96%87#%E6%AE%B5"),
                Arguments.of("/Amy🌸", "/Amy%F0%9F%8C%B8"),
                // absolute URLs under an entry, normalised
                Arguments.of("https://app.example.com/app/x", "https://app.example.com/app/x"),
                Arguments.of("https://app.example.com/app/", "https://app.example.com/app/"),
                Arguments.of("HTTPS://APP.Example.COM/app/x", "https://app.example.com/app/x"),
                Arguments.of("https://app.example.com:443/app/x", "https://app.example.com/app/x"),
                Arguments.of("https://app.example.com/app/./x/../y", "https://app.example.com/app/y"),
                Arguments.of("https://app.example.com/app/%2E/x", "https://app.example.com/app/x"),
                Arguments.of("https://app.example.com/app/报表", "https://app.example.com/app/%E6%8A%A5%E8%A1%A8"),
                Arguments.of(
                        "https://app.example.com/app/?next=%2F..%2Fadmin",
                        "https://app.example.com/app/?next=%2F..%2Fadmin"),
                // a fragment is not a path: the browser never sends it
                Arguments.of(
                        "https://app.example.com/app/x#/../../admin", "https://app.example.com/app/x#/../../admin"),
                Arguments.of("https://shop.example.com:8443/any/thing", "https://shop.example.com:8443/any/thing"),
                Arguments.of("https://shop.example.com:8443", "https://shop.example.com:8443/"),
                Arguments.of("http://localhost:8080/x", "http://localhost:8080/x"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowed")
    void returnToWhenAllowedThenNormalisedForLocation(String value, String location) {
        assertThat(AllowList.returnTo(value, PREFIXES)).contains(location);
        // what is sent must come back unchanged: the normal form is a fixed point
        assertThat(AllowList.returnTo(location, PREFIXES)).contains(location);
        assertThat(location.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("too long", "/" + "x".repeat(3000)),
                Arguments.of("relative without a slash", "app/x"),
                Arguments.of("query only", "?x=1"),
                // another host
                Arguments.of("protocol-relative", "//evil.example/"),
                Arguments.of("slash backslash", "/\\evil.example"),
                Arguments.of("backslashes", "\\\\evil.example"),
                Arguments.of("encoded backslash", "/%5cevil.example"),
                Arguments.of("encoded slash", "/%2f/evil.example"),
                Arguments.of("dot segment then empty segment", "/.//evil.example"),
                Arguments.of("dot-dot then empty segment", "/..//evil.example"),
                Arguments.of("encoded dot-dot then empty segment", "/%2e%2e//evil.example"),
                Arguments.of("one slash after the scheme", "https:/evil.example/"),
                Arguments.of("no slash after the scheme", "https:evil.example"),
                Arguments.of("three slashes", "https:///evil.example/"),
                Arguments.of("not on the list", "https://evil.example/"),
                Arguments.of("suffix of an allowed host", "https://app.example.com.evil.example/app/"),
                Arguments.of("user info before the host", "https://app.example.com@evil.example/app/"),
                Arguments.of("user info", "https://user@app.example.com/app/"),
                Arguments.of("trailing dot", "https://app.example.com./app/"),
                Arguments.of("IDN host", "https://例子.测试/app/"),
                Arguments.of("ideographic full stop", "https://app。example.com/app/"),
                Arguments.of("percent-encoded host", "https://%61pp.example.com/app/"),
                Arguments.of("other port", "https://app.example.com:444/app/"),
                Arguments.of("default port of the other scheme", "https://shop.example.com/"),
                Arguments.of("port out of range", "https://shop.example.com:99999/"),
                Arguments.of("empty port", "https://app.example.com:/app/"),
                Arguments.of("other scheme", "http://app.example.com/app/"),
                Arguments.of("javascript", "javascript:alert(1)"),
                Arguments.of("data", "data:text/html,<script>alert(1)</script>"),
                Arguments.of("ftp", "ftp://app.example.com/app/"),
                // out of the allowed path
                Arguments.of("dot-dot", "https://app.example.com/app/../admin"),
                Arguments.of("encoded dot-dot", "https://app.example.com/app/%2e%2e/admin"),
                Arguments.of("encoded dot-dot, upper case", "https://app.example.com/app/%2E%2E/admin"),
                Arguments.of("half-encoded dot-dot", "https://app.example.com/app/.%2e/admin"),
                Arguments.of("dot-dot, encoded slash", "https://app.example.com/app/..%2fadmin"),
                Arguments.of("dot-dot, encoded slash, upper case", "https://app.example.com/app/..%2Fadmin"),
                Arguments.of("double-encoded dot-dot", "https://app.example.com/app/%252e%252e/admin"),
                Arguments.of("double-encoded slash", "https://app.example.com/app/x%252fy"),
                Arguments.of("dot-dot with parameters", "https://app.example.com/app/..;/admin"),
                Arguments.of("dot-dot, backslash", "https://app.example.com/app/..\\admin"),
                Arguments.of("prefix of a segment", "https://app.example.com/application"),
                Arguments.of("the prefix without its slash", "https://app.example.com/app"),
                // what a browser strips or reads otherwise, and what a header cannot carry
                Arguments.of("tab", "/x\ty"),
                Arguments.of("tab in the scheme", "java\tscript:alert(1)"),
                Arguments.of("newline", "/x\ny"),
                Arguments.of("header injection", "/x\r\nSet-Cookie: a=b"),
                Arguments.of("leading space", " /x"),
                Arguments.of("space", "/x y"),
                Arguments.of("ideographic space", "/x\u3000y"),
                Arguments.of("quote", "/x\"y"),
                Arguments.of("angle bracket", "/x<y"),
                Arguments.of("unpaired surrogate", "/x\ud800"),
                Arguments.of("lone percent", "/100%"),
                Arguments.of("bad escape", "/%zz"),
                Arguments.of("encoded NUL", "/x%00"),
                Arguments.of("encoded CR LF", "/x%0d%0aSet-Cookie:a=b"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void returnToWhenAmbiguousOrElsewhereThenRefused(String why, String value) {
        assertThat(AllowList.returnTo(value, PREFIXES)).isEmpty();
    }

    @Test
    void returnToWhenNullThenRefused() {
        assertThat(AllowList.returnTo(null, PREFIXES)).isEmpty();
    }

    @Test
    void requirePrefixWhenEntryHasQueryUserInfoOrNoHostThenNamesTheProperty() {
        for (String bad :
                List.of("https://app.example.com/?x=1", "https://u@app.example.com/", "/relative", "https:/x")) {
            assertThatThrownBy(() -> AllowList.requirePrefix("wegate.login.allowed-return-to", bad))
                    .as(bad)
                    .hasMessageContaining("wegate.login.allowed-return-to entries must be absolute http(s) URLs");
        }
        AllowList.requirePrefix("wegate.login.allowed-return-to", "https://app.example.com");
    }
}
