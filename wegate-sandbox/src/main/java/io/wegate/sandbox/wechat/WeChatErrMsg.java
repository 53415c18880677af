package io.wegate.sandbox.wechat;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxResponse;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds WeChat-style failure errmsg texts, {@code "<text>, rid: xxxxxxxx-xxxxxxxx-xxxxxxxx"} (fact sheet 0.2), and
 * knows which paths are WeChat's (api.weixin.qq.com) rather than WeCom's (qyapi.weixin.qq.com), for injected faults.
 * See <a href="https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html">全局返回码</a>.
 */
public final class WeChatErrMsg {

    private final Clock clock;

    public WeChatErrMsg(Clock clock) {
        this.clock = clock;
    }

    /** Whether the path is a simulated WeChat JSON API rather than a WeCom one. */
    public static boolean appliesTo(String path) {
        return path.startsWith("/sns/")
                || path.startsWith("/wxa/")
                || path.equals("/cgi-bin/token")
                || path.equals("/cgi-bin/stable_token");
    }

    public String format(String text) {
        return text + ", rid: " + rid();
    }

    /** A complete failure answer, {@code {"errcode":N,"errmsg":"..."}}, filed in the stats under the errcode. */
    public SandboxResponse failure(int httpStatus, int errcode, String text) {
        var body = Json.object().put("errcode", errcode).put("errmsg", format(text));
        return SandboxResponse.json(httpStatus, body).withErrorKey(String.valueOf(errcode));
    }

    /** Real rids start with the hex Unix time of the request, then two random 8-hex groups. */
    private String rid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%08x-%08x-%08x", clock.instant().getEpochSecond(), random.nextInt(), random.nextInt());
    }
}
