package io.wegate.server.upstream;

import io.wegate.client.wecom.WeComApp;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import java.net.URI;

/**
 * The WeCom app in use, resolved from configuration or from the sandbox.
 *
 * @param sandbox whether these are sandbox credentials
 */
public record WeComUpstream(
        WeComApp app,
        URI apiBaseUrl,
        URI authorizeBaseUrl,
        WeComOAuth2AuthorizeUrl.Scope scope,
        boolean fetchProfile,
        boolean sandbox) {}
