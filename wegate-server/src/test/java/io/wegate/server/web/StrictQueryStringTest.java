package io.wegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the raw query string may look like: percent-encoded UTF-8 without control characters, nothing else. */
class StrictQueryStringTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid hex             | code=%zz&state=x       | malformed percent-escape
            one hex digit           | code=%a                | malformed percent-escape
            lone percent            | %                      | malformed percent-escape
            percent at the end      | code=abc%              | malformed percent-escape
            invalid hex in a name   | co%zde=a               | malformed percent-escape
            not UTF-8               | code=%FF               | not UTF-8
            truncated sequence      | code=%E4%B8            | not UTF-8
            bad continuation        | code=%C3%28            | not UTF-8
            overlong slash          | code=%C0%AF            | not UTF-8
            encoded surrogate       | code=%ED%A0%80         | not UTF-8
            CR LF                   | state=x%0d%0aforged    | control character
            LF                      | return_to=/%0aforged   | control character
            NUL                     | redirect_uri=%00       | control character
            terminal escape         | code=%1b%5b31m         | control character
            DEL                     | code=%7f               | control character
            next line (C1)          | code=%C2%85            | control character
            raw non-ASCII           | code=中                 | must be percent-encoded
            raw DEL                 | code=\u007f            | must be percent-encoded
            """)
    void problemWhenQueryMalformedThenRefusedWithReason(String name, String query, String reason) {
        assertThat(StrictQueryString.problem(query.replace("\\u007f", "\u007f")))
                .contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                   | code=abc&state=def
            encoded URL             | redirect_uri=https%3A%2F%2Fspa.example.com%2Fcallback%3Fa%3D1
            Chinese in UTF-8        | return_to=%2F%E4%B8%AD%E6%96%87
            four-byte UTF-8         | q=%F0%9F%98%80
            plus as space           | q=a+b
            empty values            | code=&state
            double-encoded CR LF    | return_to=%2Fx%250d%250a
            """)
    void problemWhenQueryWellFormedThenNone(String name, String query) {
        assertThat(StrictQueryString.problem(query)).isNull();
    }
}
