package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2DeviceAuthorizationResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2DeviceAuthorizationResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The answers of the device flow's two endpoints: the device authorization response (JSON, with
 * {@code interval} and verification URIs under the issuer, the public URL a phone can open), and
 * the pages a person sees at the verification endpoint (approved, refused, a wrong or expired
 * code, too many wrong codes).
 */
final class DeviceResponses {

    private final OAuth2DeviceAuthorizationResponseHttpMessageConverter json =
            new OAuth2DeviceAuthorizationResponseHttpMessageConverter();

    /** {@code POST /oauth2/device_authorization}: what the device shows and polls with. */
    void authorized(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2DeviceAuthorizationRequestAuthenticationToken a =
                (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
        String verificationUri =
                context.getIssuer() + context.getAuthorizationServerSettings().getDeviceVerificationEndpoint();
        String complete = UriComponentsBuilder.fromUriString(verificationUri)
                .queryParam("user_code", a.getUserCode().getTokenValue())
                .build()
                .toUriString();
        response.setHeader("Cache-Control", "no-store");
        json.write(
                OAuth2DeviceAuthorizationResponse.with(a.getDeviceCode(), a.getUserCode())
                        .verificationUri(verificationUri)
                        .verificationUriComplete(complete)
                        .interval(DevicePolling.INTERVAL_SECONDS)
                        .build(),
                null,
                new ServletServerHttpResponse(response));
    }

    /** The person approved: the device's next poll gets its tokens. */
    void approved(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OidcPages.message(response, "device-approved", "设备已登录，请回到设备上继续", "Your device is signed in: go back to it");
    }

    /** Refused, wrong, expired, or too many wrong codes: a page, never a stack trace. */
    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String code =
                e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "invalid_request";
        switch (code) {
            case OAuth2ErrorCodes.ACCESS_DENIED ->
                OidcPages.message(response, "device-denied", "已拒绝，设备未登录", "Refused: the device was not signed in");
            case DeviceVerificationGuard.TOO_MANY_ATTEMPTS ->
                OidcPages.error(
                        response,
                        429,
                        code,
                        "输入错误的设备码次数过多，请一分钟后再试",
                        "Too many wrong device codes: wait a minute and try again");
            case OAuth2ErrorCodes.INVALID_GRANT ->
                OidcPages.error(
                        response,
                        HttpServletResponse.SC_BAD_REQUEST,
                        code,
                        "设备码错误、已过期或已被使用，请核对设备上显示的代码",
                        "The code is wrong, expired or already used: check the code your device shows");
            default ->
                OidcPages.error(
                        response,
                        HttpServletResponse.SC_BAD_REQUEST,
                        code,
                        "设备登录请求无效，请在设备上重新开始",
                        "The device login request is invalid: start again on the device");
        }
    }
}
