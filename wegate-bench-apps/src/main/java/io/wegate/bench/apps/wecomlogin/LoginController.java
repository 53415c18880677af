package io.wegate.bench.apps.wecomlogin;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract of issue 9 that every contender serves, so that one driver drives them all: {@code POST /login} {@code
 * {"code"}} → 200 {@code {"access_token":<JWT>,"user_id":<local id>}}; a WeCom errcode → 502 {@code
 * {"error":"upstream","errcode":N}}; no code → 400; {@code GET /health} → 200.
 */
@RestController
public final class LoginController {

    /** {@code POST /login}'s body. */
    public record LoginRequest(String code) {}

    private final AccessTokenSource tokens;
    private final WeComApi wecom;
    private final BenchUsers users;
    private final SessionJwt jwt;

    public LoginController(AccessTokenSource tokens, WeComApi wecom, BenchUsers users, SessionJwt jwt) {
        this.tokens = tokens;
        this.wecom = wecom;
        this.users = users;
        this.jwt = jwt;
    }

    @PostMapping("/login")
    public ResponseEntity<Map<String, Object>> login(@RequestBody(required = false) LoginRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            return invalidRequest();
        }
        String accessToken = tokens.accessToken();
        WeComApi.UserInfo info = wecom.getUserInfo(accessToken, request.code());
        if (info.userid() == null) {
            // an openid: someone outside the corp, whom user/get does not know
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "not_a_member"));
        }
        WeComApi.Member member = wecom.userGet(accessToken, info.userid());
        long userId = users.upsert(member.userid(), member.name());
        return ResponseEntity.ok(Map.of("access_token", jwt.sign(userId), "user_id", userId));
    }

    @GetMapping("/health")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @ExceptionHandler(WeComUpstreamException.class)
    public ResponseEntity<Map<String, Object>> upstream(WeComUpstreamException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "upstream", "errcode", e.errcode()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return invalidRequest();
    }

    private static ResponseEntity<Map<String, Object>> invalidRequest() {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request"));
    }
}
