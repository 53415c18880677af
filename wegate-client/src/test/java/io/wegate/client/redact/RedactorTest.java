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
            device user code     | GET /oauth2/device_verification?user_code=BCDF-GHJK           | GET /oauth2/device_verification?user_code=[REDACTED]
            pushed request uri   | client_id=rp1&request_uri=urn:ietf:params:oauth:request_uri:abc | client_id=rp1&request_uri=[REDACTED]
            json device code     | {"device_code":"d1","user_code":"BCDF-GHJK"}                 | {"device_code":"[REDACTED]","user_code":"[REDACTED]"}
            session registry     | Registering session E30A005757970340307695C4CDE4194E, for principal p1 | Registering session [REDACTED], for principal p1
            session id change    | Changed session id from 7A9D98D7C270E537CBB3CA62CD89FD5A to 01F2E30A0057579703403076 | Changed session id from [REDACTED] to [REDACTED]
            short session words  | the session ended                                            | the session ended
            tomcat decode failure | Character decoding failed. Parameter [code] with value [abc%] has been ignored. Note that the name and value quoted here may be corrupted | Character decoding failed. Parameter [code] with value [REDACTED] has been ignored. Note that the name and value quoted here may be corrupted
            tomcat value with ]  | Parameter [code] with value [a]b%] has been ignored.            | Parameter [code] with value [REDACTED] has been ignored.
            tomcat invalid chunk | Invalid chunk starting at byte [0] and ending at byte [9] with a value of [code%zz] ignored | Invalid chunk starting at byte [0] and ending at byte [9] with a value of [REDACTED] ignored
            tomcat no equals     | Parameter starting at position [0] and ending at position [4] with a value of [abcd] was not followed by an '=' character | Parameter starting at position [0] and ending at position [4] with a value of [REDACTED] was not followed by an '=' character
            tomcat debug input   | Start processing with input [code=abc&return_to=/x]          | Start processing with input [REDACTED]
            spring conversion    | Failed to convert from type [java.lang.String] to type [int] for value [s3cr3t] | Failed to convert from type [java.lang.String] to type [int] for value [REDACTED]
            number format        | Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "s3cr3t" | Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "[REDACTED]"
            already masked       | Writing [TokenResponse[accessToken=[REDACTED], expiresIn=900]] | Writing [TokenResponse[accessToken=[REDACTED], expiresIn=900]]
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
