package io.wegate.server.backchannel;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.server.token.JwtTokens;
import io.wegate.server.token.LoginsEndedListener;
import io.wegate.server.token.PairwiseSubjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * <a href="https://openid.net/specs/openid-connect-backchannel-1_0.html">OpenID Connect
 * Back-Channel Logout 1.0</a>, the provider's side: when logins end, every relying party that got
 * an ID token under one of them and registered a {@code backchannel_logout_uri} is sent a logout
 * token ({@link BackChannelLogoutTokens}) naming the login ({@code sid}) and its subject.
 *
 * <ul>
 *   <li>{@link #loginsEnded} queues one delivery per relying party and login (table
 *       {@code backchannel_delivery}), in the caller's transaction, under a savepoint: a failure
 *       to queue is logged and never fails the ending of the login;
 *   <li>after the commit, each one is sent on its own virtual thread; a relying party that does not
 *       answer 200 (or 204) is retried by {@link #tick} with backoff ({@link BackChannelRetries})
 *       and given up after a day; every instance ticks, a conditional update makes one send;
 *   <li>outcomes are counted as {@code wegate.backchannel.deliveries{outcome}} (delivered, retry,
 *       given_up) and kept in the table ({@link #deliveriesOf}); no token is stored or logged.
 * </ul>
 */
@Component
public class BackChannelLogout implements LoginsEndedListener {

    /** The client setting (RFC 7591 {@code backchannel_logout_uri}) naming where logout tokens go. */
    public static final String CLIENT_SETTING = "wegate.backchannel-logout-uri";

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    /** Deliveries one tick sends at most; the next tick takes the rest. */
    private static final int BATCH = 50;

    private final BackChannelDeliveries deliveries;
    private final BackChannelLogoutTokens tokens;
    private final BackChannelLogoutRequests requests = new BackChannelLogoutRequests();
    private final RegisteredClientRepository clients;
    private final PairwiseSubjects pairwise;
    private final AuthorizationServerSettings server;
    private final JwtTokens jwt;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Map<String, Counter> outcomes;
    private final io.micrometer.core.instrument.Timer offboardingLatency;

    public BackChannelLogout(
            JdbcClient jdbc,
            JWKSource<SecurityContext> keys,
            RegisteredClientRepository clients,
            PairwiseSubjects pairwise,
            AuthorizationServerSettings server,
            JwtTokens jwt,
            PlatformTransactionManager transactions,
            MeterRegistry meters,
            Clock clock) {
        this.deliveries = new BackChannelDeliveries(jdbc);
        this.tokens = new BackChannelLogoutTokens(keys);
        this.clients = clients;
        this.pairwise = pairwise;
        this.server = server;
        this.jwt = jwt;
        this.savepoint = new TransactionTemplate(transactions);
        // inside the caller's transaction, a savepoint: what fails here is undone alone (PostgreSQL
        // would otherwise abort the whole transaction, and the login would not end)
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.offboardingLatency = io.micrometer.core.instrument.Timer.builder("wegate.offboarding.latency")
                .description("From the end of an offboarded login to its relying party's acknowledgement of the"
                        + " logout token")
                .tag("stage", "relying_party_notified")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.outcomes = Map.of(
                BackChannelDelivery.DELIVERED,
                counter(meters, BackChannelDelivery.DELIVERED),
                "retry",
                counter(meters, "retry"),
                BackChannelDelivery.GIVEN_UP,
                counter(meters, BackChannelDelivery.GIVEN_UP));
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("wegate.backchannel.deliveries")
                .description("Back-channel logout delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Tells the relying parties of {@code loginIds} that these logins ended: queues the deliveries
     * in the caller's transaction and sends them once it commits (at once without one). Ending a
     * login twice queues nothing more. Call it in the transaction that ends the logins (or disables
     * the account): once that commits, the authorization server drops their authorizations when
     * next seen, and with them the record of who is to be told.
     *
     * @param reason why they ended, kept with the deliveries (e.g. {@code logout}, {@code offboarded})
     */
    public void loginsEnded(Collection<String> loginIds, String reason) {
        loginsEnded(loginIds, reason, null);
    }

    @Override
    public void loginsEnded(Collection<String> loginIds, String reason, String initiator) {
        if (loginIds == null || loginIds.isEmpty()) {
            return;
        }
        String issuer = issuer();
        String why = reason == null || reason.isBlank() ? "ended" : reason;
        List<String> queued;
        try {
            queued = savepoint.execute(
                    s -> queue(loginIds, why.length() > 32 ? why.substring(0, 32) : why, issuer, initiator));
        } catch (RuntimeException e) {
            log.error("back-channel logout: could not queue the deliveries of {} ended login(s)", loginIds.size(), e);
            return;
        }
        if (queued == null || queued.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendSoon(queued);
                }
            });
        } else {
            sendSoon(queued);
        }
    }

    private List<String> queue(Collection<String> loginIds, String reason, String issuer, String initiator) {
        Instant now = clock.instant();
        List<String> queued = new ArrayList<>();
        for (BackChannelDeliveries.Holder holder : deliveries.holders(loginIds)) {
            RegisteredClient client = clients.findById(holder.registeredClientId());
            if (client == null
                    || client.getClientSettings().getSetting(CLIENT_SETTING) == null
                    || client.getClientId().equals(initiator)
                    || deliveries.exists(client.getClientId(), holder.loginId())) {
                continue;
            }
            String id = UUID.randomUUID().toString();
            try {
                // its own savepoint: a concurrent ending of the same login that inserted first is no failure
                savepoint.executeWithoutResult(
                        s -> deliveries.insert(id, client.getClientId(), holder, issuer, reason, now));
                queued.add(id);
            } catch (DuplicateKeyException raced) {
                // queued by the other ending
            }
        }
        return queued;
    }

    /** The {@code iss} of the ID tokens: as the current request sees it, or as configured. */
    private String issuer() {
        AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
        if (context != null && context.getIssuer() != null) {
            return context.getIssuer();
        }
        return server.getIssuer() != null ? server.getIssuer() : jwt.issuer();
    }

    private void sendSoon(List<String> ids) {
        for (String id : ids) {
            Thread.ofVirtual().name("backchannel-logout").start(() -> attempt(id));
        }
    }

    /**
     * Sends the pending deliveries that are due (every instance runs it; each delivery goes out
     * once); returns how many it sent, once they all have been answered or failed.
     */
    @Scheduled(
            initialDelayString = "${wegate.backchannel.retry-interval:PT10S}",
            fixedDelayString = "${wegate.backchannel.retry-interval:PT10S}")
    public int tick() {
        List<String> due = deliveries.due(clock.instant(), BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        int sent = 0;
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (String id : due) {
                attempts.add(each.submit(() -> attempt(id)));
            }
            for (Future<Boolean> f : attempts) {
                try {
                    sent += f.get() ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    log.error("back-channel logout: an attempt failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return sent;
    }

    /**
     * How many deliveries one instance sends at once. Without a bound, a thousand ended logins across three relying
     * parties start three thousand requests together, most of which then wait for a core inside their own 5-second
     * timeout, fail and wait for their retry (a 163 s tail in docs/benchmarks.md §5); bounded, they wait here, before
     * their timeout starts.
     */
    static final int MAX_IN_FLIGHT = 32;

    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);

    /** One attempt at delivery {@code id}, if this instance claims it; whether it did. */
    private boolean attempt(String id) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return attemptNow(id);
        } finally {
            inFlight.release();
        }
    }

    private boolean attemptNow(String id) {
        try {
            Instant now = clock.instant();
            BackChannelDeliveries.Claimed d = deliveries
                    .claim(id, now, now.plus(BackChannelRetries.LEASE))
                    .orElse(null);
            if (d == null) {
                return false;
            }
            RegisteredClient client = clients.findByClientId(d.clientId());
            String uri = client == null ? null : client.getClientSettings().getSetting(CLIENT_SETTING);
            if (uri == null) {
                // the client was deleted or no longer takes back-channel logouts
                deliveries.gaveUp(id, null, "no_backchannel_logout_uri");
                outcome(BackChannelDelivery.GIVEN_UP, d, null, "no_backchannel_logout_uri");
                return true;
            }
            BackChannelLogoutRequests.Answer answer;
            try {
                answer = requests.post(uri, logoutToken(client, d, now));
            } catch (RuntimeException e) {
                // no signing key, say: retried like a relying party away
                answer = new BackChannelLogoutRequests.Answer(null, e.getClass().getSimpleName());
            }
            Instant after = clock.instant();
            if (answer.delivered()) {
                deliveries.delivered(id, after, answer.status());
                outcome(BackChannelDelivery.DELIVERED, d, answer.status(), null);
                if ("offboarded".equals(d.reason())) {
                    // the login ended when the platform's event (or the reconciliation) was processed
                    offboardingLatency.record(Duration.between(d.createdAt(), after));
                }
                return true;
            }
            Instant next = BackChannelRetries.next(d.attempts(), d.createdAt(), after);
            if (next == null) {
                deliveries.gaveUp(id, answer.status(), answer.error());
                outcome(BackChannelDelivery.GIVEN_UP, d, answer.status(), answer.error());
            } else {
                deliveries.retryAt(id, next, answer.status(), answer.error());
                outcome("retry", d, answer.status(), answer.error());
            }
            return true;
        } catch (RuntimeException e) {
            // the database away: the lease runs out and another tick takes it
            log.error("back-channel logout: delivery {} could not be attempted", id, e);
            return false;
        }
    }

    private String logoutToken(RegisteredClient client, BackChannelDeliveries.Claimed d, Instant now) {
        SignatureAlgorithm alg = client.getTokenSettings().getIdTokenSignatureAlgorithm();
        return tokens.encode(
                d.issuer(),
                client.getClientId(),
                alg == null ? SignatureAlgorithm.RS256 : alg,
                pairwise.subject(d.accountId(), client),
                d.loginId(),
                now);
    }

    private void outcome(String outcome, BackChannelDeliveries.Claimed d, Integer status, String error) {
        outcomes.get(outcome).increment();
        String answer = status != null ? "HTTP " + status : error;
        if (BackChannelDelivery.DELIVERED.equals(outcome)) {
            log.info(
                    "back-channel logout of login {} delivered to {} (attempt {})",
                    d.loginId(),
                    d.clientId(),
                    d.attempts());
        } else {
            log.warn(
                    "back-channel logout of login {} to {}: attempt {} failed ({}), {}",
                    d.loginId(),
                    d.clientId(),
                    d.attempts(),
                    answer,
                    "retry".equals(outcome) ? "will retry" : "given up");
        }
    }

    /** The back-channel logout deliveries of the logins of {@code accountId}, the newest first (at most 100). */
    public List<BackChannelDelivery> deliveriesOf(String accountId) {
        return deliveries.ofAccount(accountId, 100);
    }
}
