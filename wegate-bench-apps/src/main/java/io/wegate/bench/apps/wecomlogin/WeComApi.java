package io.wegate.bench.apps.wecomlogin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The three WeCom calls of a login, with Spring's {@link RestClient} over the JDK {@code HttpClient}: <a
 * href="https://developer.work.weixin.qq.com/document/path/91039">gettoken</a>, <a
 * href="https://developer.work.weixin.qq.com/document/path/91023">auth/getuserinfo</a> and <a
 * href="https://developer.work.weixin.qq.com/document/path/90196">user/get</a>. A non-zero errcode is a {@link
 * WeComUpstreamException}; nothing here retries.
 */
public final class WeComApi {

    static final String GETTOKEN = "/cgi-bin/gettoken";
    static final String GETUSERINFO = "/cgi-bin/auth/getuserinfo";
    static final String USER_GET = "/cgi-bin/user/get";

    /** {@code gettoken}'s answer. */
    public record Gettoken(
            int errcode,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {}

    /** {@code auth/getuserinfo}'s answer: a member has a {@code userid}, anyone else only an {@code openid}. */
    public record UserInfo(int errcode, String userid) {}

    /** The fields of {@code user/get} a login keeps. */
    public record Member(int errcode, String userid, String name) {}

    private final RestClient http;
    private final String corpId;
    private final String secret;

    public WeComApi(BenchLoginProperties properties) {
        // the JDK client is RestClient's default when no other HTTP library is on the class path; named here so that
        // a library another contender brings cannot change it
        this.http = RestClient.builder()
                .baseUrl(properties.sandbox().toString())
                .requestFactory(new JdkClientHttpRequestFactory())
                .build();
        this.corpId = properties.corpId();
        this.secret = properties.secret();
    }

    public Gettoken gettoken() {
        return checked(
                GETTOKEN,
                () -> http.get()
                        .uri(GETTOKEN + "?corpid={corpid}&corpsecret={secret}", corpId, secret)
                        .retrieve()
                        .body(Gettoken.class),
                Gettoken::errcode);
    }

    public UserInfo getUserInfo(String accessToken, String code) {
        return checked(
                GETUSERINFO,
                () -> http.get()
                        .uri(GETUSERINFO + "?access_token={token}&code={code}", accessToken, code)
                        .retrieve()
                        .body(UserInfo.class),
                UserInfo::errcode);
    }

    public Member userGet(String accessToken, String userid) {
        return checked(
                USER_GET,
                () -> http.get()
                        .uri(USER_GET + "?access_token={token}&userid={userid}", accessToken, userid)
                        .retrieve()
                        .body(Member.class),
                Member::errcode);
    }

    private static <T> T checked(String path, Supplier<T> call, ToIntFunction<T> errcode) {
        T answer;
        try {
            answer = call.get();
        } catch (RestClientException e) {
            throw new WeComUpstreamException(path, e);
        }
        if (answer == null) {
            throw new WeComUpstreamException(-1, path);
        }
        if (errcode.applyAsInt(answer) != 0) {
            throw new WeComUpstreamException(errcode.applyAsInt(answer), path);
        }
        return answer;
    }
}
