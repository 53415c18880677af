package io.wegate.sandbox.wecom;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxResponse;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds WeCom-style failure errmsg texts: {@code "<text>, hint: [<unix ts>_<n>_<32 hex>], from ip: <ip>, more info at
 * https://open.work.weixin.qq.com/devtool/query?e=<errcode>"}, the format of the official example in <a
 * href="https://developer.work.weixin.qq.com/document/path/97073">doc 97073</a>.
 */
public final class ErrMsg {

    private final Clock clock;

    public ErrMsg(Clock clock) {
        this.clock = clock;
    }

    public String format(int errcode, String text, String callerIp) {
        return text + ", hint: [" + hint() + "], from ip: " + callerIp
                + ", more info at https://open.work.weixin.qq.com/devtool/query?e=" + errcode;
    }

    /** A complete failure answer, {@code {"errcode":N,"errmsg":"..."}}, filed in the stats under the errcode. */
    public SandboxResponse failure(int httpStatus, int errcode, String text, String callerIp) {
        var body = Json.object().put("errcode", errcode).put("errmsg", format(errcode, text, callerIp));
        return SandboxResponse.json(httpStatus, body).withErrorKey(String.valueOf(errcode));
    }

    private String hint() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[16];
        random.nextBytes(id);
        // The middle number looks like a server or shard index in real hints; any small number will do.
        return clock.instant().getEpochSecond() + "_" + random.nextInt(1, 100) + "_"
                + HexFormat.of().formatHex(id);
    }
}
