package io.wegate.bench.apps.wxjava;

import java.util.Map;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;
import me.chanjar.weixin.cp.bean.WxCpUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bench contract: {@code POST /login {"code"}} → 200 {@code {"access_token", "user_id"}}; 400 without a code (or one
 * that is not URL-safe); 502
 * {@code {"error":"upstream","errcode"}} when WeCom answers an error; {@code GET /health}; {@code GET /jwks} (the key
 * the tokens verify with).
 */
@RestController
class LoginController {

    record LoginRequest(String code) {}

    /**
     * WeCom's codes are URL-safe; WxJava formats the code into the query string as it is (no URL encoding), so
     * anything else would make a broken or a different request.
     */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    private final WxCpService wxCpService;
    private final BenchUsers users;
    private final JwtIssuer jwt;

    LoginController(WxCpService wxCpService, BenchUsers users, JwtIssuer jwt) {
        this.wxCpService = wxCpService;
        this.users = users;
        this.jwt = jwt;
    }

    @PostMapping("/login")
    ResponseEntity<Map<String, Object>> login(@RequestBody(required = false) LoginRequest request)
            throws WxErrorException {
        if (request == null
                || request.code() == null
                || !CODE.matcher(request.code()).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request"));
        }
        WxCpOauth2UserInfo who = wxCpService.getOauth2Service().getUserInfo(request.code());
        if (who.getUserId() == null) {
            // signed in, but not a member of the corp (an openid only): no local user for it
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "access_denied"));
        }
        WxCpUser user = wxCpService.getUserService().getById(who.getUserId());
        long id = users.upsert(user);
        return ResponseEntity.ok(Map.of("access_token", jwt.sign(id), "user_id", id));
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping("/jwks")
    Map<String, Object> jwks() {
        return jwt.publicKeys().toJSONObject();
    }

    @ExceptionHandler(WxErrorException.class)
    ResponseEntity<Map<String, Object>> upstreamError(WxErrorException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .body(Map.of("error", "upstream", "errcode", e.getError().getErrorCode()));
    }

    /** WxJava's wrapper of an I/O failure: WeCom did not answer at all. */
    @ExceptionHandler(WxRuntimeException.class)
    ResponseEntity<Map<String, Object>> upstreamUnreachable(WxRuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "upstream"));
    }
}
