package io.wegate.server.callback;

import io.wegate.client.callback.CallbackException;
import io.wegate.client.callback.CallbackXml;
import io.wegate.server.callback.CallbackReceivers.Kind;
import io.wegate.server.callback.CallbackReceivers.Receiver;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The callback receivers: {@code /callbacks/wecom/apps/<id>} (a WeCom app's 接收消息 URL),
 * {@code /callbacks/wecom/contact-sync} (the contact-sync assistant's 接收事件服务器) and
 * {@code /callbacks/wechat/apps/<id>} (a WeChat app's 消息推送 URL, safe mode).
 *
 * <p>GET is the URL verification the console runs when the administrator saves: WeCom's echostr is signed and
 * encrypted, and the answer is its bare plaintext; WeChat's is signed over three values and echoed as it came.
 * POST is an event: signature checked, decrypted, receive id checked, stored, processed, answered 200 with an empty
 * body (what both platforms accept). Refused: a bad signature, a message for another corp or app, a malformed or
 * oversized body, WeChat's unsigned plaintext mode. A refusal changes nothing and logs the reason, never a value.
 */
@RestController
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);
    /** Far above any event (a few hundred bytes); a body this large is not one. */
    static final int MAX_BODY = 64 * 1024;
    /**
     * How far a signed timestamp may be from now: far beyond any retry (seconds) or clock skew, well inside the
     * events' retention (7 days), so that a replay is either refused as old or recognised as a duplicate.
     */
    static final Duration MAX_AGE = Duration.ofDays(1);

    private static final Pattern PLAIN_ECHO = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern STAMP = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final CallbackReceivers receivers;
    private final CallbackService service;
    private final CallbackMetrics metrics;
    private final Clock clock;

    CallbackController(CallbackReceivers receivers, CallbackService service, CallbackMetrics metrics, Clock clock) {
        this.receivers = receivers;
        this.service = service;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/callbacks/wecom/apps/{id}")
    ResponseEntity<String> verifyWeComApp(@PathVariable String id, HttpServletRequest request) {
        return verify(receiver("wecom/apps/" + id), request);
    }

    @GetMapping("/callbacks/wecom/contact-sync")
    ResponseEntity<String> verifyContactSync(HttpServletRequest request) {
        return verify(receiver("wecom/contact-sync"), request);
    }

    @GetMapping("/callbacks/wechat/apps/{id}")
    ResponseEntity<String> verifyWeChatApp(@PathVariable String id, HttpServletRequest request) {
        return verify(receiver("wechat/apps/" + id), request);
    }

    @PostMapping("/callbacks/wecom/apps/{id}")
    ResponseEntity<String> weComAppEvent(@PathVariable String id, HttpServletRequest request) {
        return event(receiver("wecom/apps/" + id), request);
    }

    @PostMapping("/callbacks/wecom/contact-sync")
    ResponseEntity<String> contactSyncEvent(HttpServletRequest request) {
        return event(receiver("wecom/contact-sync"), request);
    }

    @PostMapping("/callbacks/wechat/apps/{id}")
    ResponseEntity<String> weChatAppEvent(@PathVariable String id, HttpServletRequest request) {
        return event(receiver("wechat/apps/" + id), request);
    }

    private Receiver receiver(String path) {
        return receivers.byPath(path).orElseThrow(() -> new ApiException(GatewayError.NOT_FOUND));
    }

    private ResponseEntity<String> verify(Receiver r, HttpServletRequest request) {
        Map<String, String> q = query(request);
        String timestamp = q.get("timestamp");
        String nonce = q.get("nonce");
        String echostr = q.get("echostr");
        try {
            stamps(timestamp, nonce);
            if (echostr == null || echostr.length() > 1024) {
                throw new CallbackException(CallbackException.Reason.ENVELOPE, "echostr is missing or too long");
            }
            String answer;
            if (r.kind() == Kind.WECHAT_APP) {
                if (!r.crypt().weChatSignatureMatches(q.get("signature"), timestamp, nonce)) {
                    throw new CallbackException(CallbackException.Reason.SIGNATURE, "the signature does not match");
                }
                answer = echostr;
            } else {
                answer = r.crypt().verifyUrl(q.get("msg_signature"), timestamp, nonce, echostr);
            }
            if (!PLAIN_ECHO.matcher(answer).matches()) {
                // the console's echostr is a short run of digits; anything else (a captured event's ciphertext
                // replayed as an echostr, say) is not answered: the URL check must not decrypt events for anyone
                throw new CallbackException(CallbackException.Reason.ENVELOPE, "echostr has an unexpected form");
            }
            if (!fresh(timestamp)) {
                return tooOld(r);
            }
            log.info("callback URL verified at {}", r.path());
            return plain(HttpStatus.OK, answer);
        } catch (CallbackException e) {
            return refused(r, e);
        }
    }

    private ResponseEntity<String> event(Receiver r, HttpServletRequest request) {
        Map<String, String> q = query(request);
        String timestamp = q.get("timestamp");
        String nonce = q.get("nonce");
        try {
            stamps(timestamp, nonce);
            if (r.kind() == Kind.WECHAT_APP && !"aes".equals(q.get("encrypt_type"))) {
                // plaintext mode signs the timestamp and nonce, not the body: anyone could rewrite the body
                throw new CallbackException(
                        CallbackException.Reason.ENVELOPE,
                        "only safe mode (安全模式, encrypt_type=aes) is accepted: plaintext mode does not sign the body");
            }
            String body = body(request);
            Map<String, String> envelope = CallbackXml.parseEnvelope(body);
            String encrypt = envelope.get("Encrypt");
            if (encrypt == null || encrypt.isEmpty()) {
                throw new CallbackException(CallbackException.Reason.ENVELOPE, "the envelope has no Encrypt element");
            }
            // the receive id inside the signed plaintext says whom it is for (the envelope's ToUserName is not signed)
            String msg = r.crypt().decrypt(q.get("msg_signature"), timestamp, nonce, encrypt);
            Map<String, String> fields = CallbackXml.parseEnvelope(msg);
            if (!fresh(fields.get("CreateTime"))) {
                // its signed CreateTime is not from now: a replay older than the events kept to recognise one (the
                // query's timestamp cannot tell: the signature does not say which of timestamp and nonce is which)
                return tooOld(r);
            }
            service.receive(r, fields);
            return plain(HttpStatus.OK, "");
        } catch (CallbackException e) {
            return refused(r, e);
        }
    }

    private ResponseEntity<String> tooOld(Receiver r) {
        metrics.refused(r.path(), "too_old");
        log.warn("callback refused at {}: its time is more than {} from now", r.path(), MAX_AGE);
        throw new ApiException(GatewayError.CALLBACK_REFUSED, "the request's time is more than a day from now");
    }

    /**
     * The query string's parameters, first occurrence of each, percent-decoded: read from the query alone, never from
     * a form body (the platforms' Content-Type is not documented).
     */
    static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> out = new java.util.HashMap<>();
        String raw = request.getQueryString();
        if (raw == null || raw.length() > 8192) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.putIfAbsent(
                        java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is left out, and its check fails
            }
        }
        return out;
    }

    /** {@code seconds} (a Unix time) is within {@link #MAX_AGE} of now. */
    private boolean fresh(String seconds) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(seconds)) <= MAX_AGE.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void stamps(String timestamp, String nonce) {
        if (timestamp == null
                || nonce == null
                || !STAMP.matcher(timestamp).matches()
                || !STAMP.matcher(nonce).matches()) {
            throw new CallbackException(CallbackException.Reason.SIGNATURE, "timestamp and nonce are required");
        }
    }

    private static String body(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new ApiException(GatewayError.REQUEST_TOO_LARGE);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new ApiException(GatewayError.REQUEST_TOO_LARGE);
            }
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CallbackException(CallbackException.Reason.ENVELOPE, "the body could not be read");
        }
    }

    private ResponseEntity<String> refused(Receiver r, CallbackException e) {
        String reason = e.reason().name().toLowerCase(Locale.ROOT);
        metrics.refused(r.path(), reason);
        log.warn("callback refused at {}: {}", r.path(), e.getMessage());
        throw new ApiException(GatewayError.CALLBACK_REFUSED, e.getMessage());
    }

    private static ResponseEntity<String> plain(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(body);
    }
}
