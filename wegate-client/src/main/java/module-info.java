/**
 * The plain-Java client for the WeCom and WeChat login APIs. Exports the API packages only: {@code internal} (the
 * HTTP caller and transport) may change in any release, so no other module can depend on it.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90664">WeCom: 开发前必读</a>
 * @see <a href="https://developers.weixin.qq.com/doc/service/api/">WeChat service API</a>
 */
module io.wegate.client {
    // JsonNode (WeChatMiniProgramCrypto.decrypt) and HttpClient (ClientBuilder.httpClient) appear in the API.
    requires transitive tools.jackson.databind;
    requires transitive java.net.http;
    requires java.xml;

    exports io.wegate.client;
    exports io.wegate.client.callback;
    exports io.wegate.client.redact;
    exports io.wegate.client.token;
    exports io.wegate.client.wechat;
    exports io.wegate.client.wecom;
}
