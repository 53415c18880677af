package io.wegate.client.wecom;

import io.wegate.client.redact.Redactor;

/**
 * A WeCom mini-program login: who it is and the session key. The session key stays on the server.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91507">code2Session</a>
 */
public record WeComMiniProgramSession(String corpId, String userId, String sessionKey) {

    @Override
    public String toString() {
        return "WeComMiniProgramSession[corpId=" + corpId + ", userId=" + userId + ", sessionKey=" + Redactor.MASK
                + "]";
    }
}
