package io.wegate.sandbox.callback;

import io.wegate.sandbox.SandboxClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The callback side of the simulated platforms: the URLs administrators configure (a WeCom app's 接收消息, the
 * contact-sync assistant's 接收事件服务器, a WeChat app's 消息推送 in safe mode), verified when saved as the console
 * verifies them, and the events delivered to them: signed, encrypted, POSTed, with a 5-second timeout and three
 * retries when the receiver does not answer 200 (doc 90238: "五秒内收不到响应 … 总共重试三次"; the spacing is not
 * documented, {@link #retryDelay} here). Deliveries run one at a time in order, off the caller's thread, and are
 * recorded ({@code GET /sandbox/callbacks}). Faults on demand: a duplicate delivery, a bad signature, a message
 * encrypted for another receive id.
 */
public final class Callbacks implements AutoCloseable {

    /** The receiver name of the contact-sync assistant. */
    public static final String CONTACT_SYNC = "contact-sync";

    /** A configured receiver. */
    public record Target(
            String receiver,
            URI url,
            MsgCrypt crypt,
            String receiveId,
            boolean wechat,
            String toUser,
            boolean legacy) {}

    /** One delivery attempt, as recorded. */
    public record Delivery(
            long id, String receiver, String event, int attempt, int status, String outcome, Instant at) {}

    /** Faults applied to the next deliveries. */
    public enum Fault {
        DUPLICATE,
        BAD_SIGNATURE,
        WRONG_RECEIVE_ID
    }

    // nonces as the platforms send them: random numbers of up to ten digits (FACTS A11.8: 1372611427, 1597212914)
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxClock clock;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final List<Delivery> log = new ArrayList<>();
    private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile Duration retryDelay = Duration.ofSeconds(1);

    public Callbacks(SandboxClock clock) {
        this.clock = clock;
    }

    /** The pause between a failed delivery and its retry. */
    public void retryDelay(Duration d) {
        this.retryDelay = d;
    }

    /**
     * Saves a receiver's URL, Token and EncodingAESKey after verifying the URL as the console does: WeCom sends an
     * encrypted echostr and expects its plaintext back; WeChat sends a plain one and expects it echoed.
     *
     * @throws IllegalStateException with the console's message when verification fails (nothing is saved)
     */
    public void configure(
            String receiver,
            URI url,
            String token,
            String key,
            String receiveId,
            boolean wechat,
            String toUser,
            boolean legacy) {
        MsgCrypt crypt = new MsgCrypt(token, key);
        String plain = Long.toString(
                1_000_000_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 8_000_000_000_000_000_000L));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = Integer.toString(1 + RANDOM.nextInt(Integer.MAX_VALUE));
        String query;
        if (wechat) {
            query = "signature=" + crypt.sign(timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce
                    + "&echostr=" + plain;
        } else {
            String echostr = crypt.encrypt(plain, receiveId);
            query = "msg_signature=" + crypt.sign(timestamp, nonce, echostr) + "&timestamp=" + timestamp + "&nonce="
                    + nonce + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8);
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(URI.create(url + (url.getQuery() == null ? "?" : "&") + query))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("请求URL失败 (the URL could not be reached): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (answer.statusCode() != 200 || !answer.body().equals(plain)) {
            throw new IllegalStateException(
                    "echostr校验失败，请检查是否正确解密并输出明文echostr (echostr check failed: HTTP " + answer.statusCode() + ")");
        }
        targets.put(receiver, new Target(receiver, url, crypt, receiveId, wechat, toUser, legacy));
    }

    public boolean configured(String receiver) {
        return targets.containsKey(receiver);
    }

    /**
     * Whether the contact-sync URL was saved before 2022-08-15, so that it still gets full member events (update_user
     * on a status change); a URL saved since gets only UserID/Department and no update_user for a status change.
     */
    public boolean legacyContactSync() {
        Target t = targets.get(CONTACT_SYNC);
        return t != null && t.legacy();
    }

    public void fault(Fault fault, int count) {
        faults.computeIfAbsent(fault, f -> new AtomicInteger()).addAndGet(count);
    }

    public void clearFaults() {
        faults.clear();
    }

    private boolean take(Fault f) {
        AtomicInteger n = faults.get(f);
        return n != null && n.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }

    /** Queues {@code xml} (the event's plaintext) for {@code receiver}; nothing when it has no URL configured. */
    public void send(String receiver, String event, String xml, String agentId) {
        Target t = targets.get(receiver);
        if (t == null) {
            return;
        }
        boolean duplicate = take(Fault.DUPLICATE);
        boolean badSignature = take(Fault.BAD_SIGNATURE);
        boolean wrongId = take(Fault.WRONG_RECEIVE_ID);
        long id = ids.incrementAndGet();
        worker.execute(() -> {
            deliver(id, t, event, xml, agentId, badSignature, wrongId);
            if (duplicate) {
                deliver(id, t, event, xml, agentId, false, false);
            }
        });
    }

    private void deliver(long id, Target t, String event, String xml, String agentId, boolean badSig, boolean wrongId) {
        for (int attempt = 1; attempt <= 4; attempt++) {
            // a fault spoils the first attempt only: the retries are what the platform would send
            boolean spoilSignature = badSig && attempt == 1;
            String encrypt = t.crypt().encrypt(xml, wrongId && attempt == 1 ? "ww0000000000000000" : t.receiveId());
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            String nonce = Integer.toString(1 + RANDOM.nextInt(Integer.MAX_VALUE));
            String signature = t.crypt().sign(timestamp, nonce, encrypt);
            if (spoilSignature) {
                signature = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
            }
            String query = "msg_signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce;
            String body;
            if (t.wechat()) {
                query += "&signature=" + t.crypt().sign(timestamp, nonce) + "&encrypt_type=aes";
                body = "<xml><ToUserName><![CDATA[" + t.toUser() + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                        + "]]></Encrypt></xml>";
            } else {
                body = "<xml><ToUserName><![CDATA[" + t.receiveId() + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                        + "]]></Encrypt><AgentID><![CDATA[" + (agentId == null ? "" : agentId) + "]]></AgentID></xml>";
            }
            int status;
            String outcome;
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(t.url() + (t.url().getQuery() == null ? "?" : "&") + query))
                                .timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "text/xml")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                outcome = status == 200 ? "delivered" : "failed";
            } catch (IOException e) {
                status = 0;
                outcome = "unreachable";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            record(new Delivery(id, t.receiver(), event, attempt, status, outcome, clock.instant()));
            if (status == 200) {
                return;
            }
            try {
                Thread.sleep(retryDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void record(Delivery d) {
        synchronized (log) {
            log.add(d);
            if (log.size() > 10_000) {
                log.removeFirst();
            }
        }
    }

    /**
     * Waits until every delivery queued so far has ended (delivered, or its retries used up): deliveries run in order
     * on one worker, so a marker queued behind them runs when they are done.
     */
    public void drain() {
        try {
            worker.submit(() -> {}).get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the callback deliveries did not end", e);
        }
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        http.close();
    }
}
