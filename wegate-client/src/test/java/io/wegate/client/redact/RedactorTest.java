package io.wegate.client.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            query access_token   | GET /cgi-bin/user/get?access_token=abc123XYZ&userid=zhangsan | GET /cgi-bin/user/get?access_token=[REDACTED]&userid=zhangsan
            query corpsecret     | /cgi-bin/gettoken?corpid=ww1&corpsecret=s3cr3t               | /cgi-bin/gettoken?corpid=ww1&corpsecret=[REDACTED]
            query code and state | /login/wecom/callback?code=CODE123&state=ST4TE               | /login/wecom/callback?code=[REDACTED]&state=[REDACTED]
            json refresh_token   | {"refresh_token": "r-e-f"}                                   | {"refresh_token":"[REDACTED]"}
            json session_key     | {"session_key":"kJtdi6RF+Dv67QkbLlPGjw==","openid":"o1"}      | {"session_key":"[REDACTED]","openid":"o1"}
            json user_ticket     | {"userid":"lisi","user_ticket":"TICKET"}                      | {"userid":"lisi","user_ticket":"[REDACTED]"}
            bearer header        | Authorization: Bearer abcdefghijklmnop                       | Authorization: Bearer [REDACTED]
            record toString      | RefreshRequest[refreshToken=8LOOxTEiVKQ8_DCDZEtwUoJUJo6RmDoNav]   | RefreshRequest[refreshToken=[REDACTED]]
            truncated jwt        | Writing [TokenResponse[x=eyJraWQiOiJiNmE3ZTNhYS05 (truncated)...] | Writing [TokenResponse[x=[REDACTED] (truncated)...]
            map toString ticket  | Writing [{expires_in=600, link_ticket=pHt_GtnuWuz4lUmg6Om}]     | Writing [{expires_in=600, link_ticket=[REDACTED]}]
            json phone code      | {"code":"c1","phone_code":"p1"}                               | {"code":"[REDACTED]","phone_code":"[REDACTED]"}
            errcode untouched    | errcode=40029 errmsg=invalid code                            | errcode=40029 errmsg=invalid code
            plain text untouched | login of zhangsan succeeded                                  | login of zhangsan succeeded
            """)
    void redactWhenTextCarriesCredentialsThenValuesMasked(String name, String input, String expected) {
        assertThat(Redactor.redact(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "jwt {0}")
    @CsvSource({"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlX2hlcmU"})
    void redactWhenTextContainsJwtThenMasked(String jwt) {
        assertThat(Redactor.redact("issued " + jwt + " to x")).isEqualTo("issued [REDACTED] to x");
    }
}
