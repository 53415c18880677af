package io.wegate.sandbox.wechat;

/**
 * Ends a WeChat API call with an errcode answer (HTTP 200), see <a
 * href="https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html">全局返回码</a>.
 * Cheap: no stack trace, since it is control flow.
 */
public final class WeChatException extends RuntimeException {

    private final int errcode;

    public WeChatException(int errcode) {
        this(errcode, WeChatError.text(errcode));
    }

    public WeChatException(int errcode, String text) {
        super(text, null, false, false);
        this.errcode = errcode;
    }

    public int errcode() {
        return errcode;
    }

    public String text() {
        return getMessage();
    }
}
