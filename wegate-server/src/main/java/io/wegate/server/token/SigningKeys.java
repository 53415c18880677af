package io.wegate.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key pairs that sign: ES256 for wegate's own tokens and OIDC access tokens, RS256 for the ID
 * tokens of relying parties that ask for the algorithm every OpenID provider must offer. Persisted in
 * table {@code signing_key} (sealed with the key-encryption key when one is configured), so a restart
 * or another instance signs and verifies with the same keys.
 *
 * <p>Each algorithm has a lifecycle of keys, its states derived from the clock: a rotated-in key is
 * <em>published</em> (in the JWKS, verifying, not signing) until its activation; the newest key whose
 * activation has passed is <em>active</em> (the only one that signs); an older one is <em>retired</em>
 * (published and verifying, no longer signing) until the overlap after its successor activated has
 * passed; then it is <em>gone</em> (out of the JWKS, no longer verifying, deleted). Every instance reloads
 * the keys every {@code key-refresh-interval}, at once after a rotation of its own, and (rate-limited)
 * when a token names a kid it does not know.
 */
@Component
public final class SigningKeys {

    public static final List<String> ALGORITHMS = List.of("ES256", "RS256");

    /** At most one reload per this long for tokens with an unknown kid. */
    static final Duration UNKNOWN_KID_RELOAD_SPACING = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** A key's state at an instant. */
    public enum State {
        PUBLISHED,
        ACTIVE,
        RETIRED,
        GONE;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the admin API shows of a key: never its private part. */
    public record KeyInfo(
            String kid,
            String algorithm,
            State state,
            Instant createdAt,
            Instant activatesAt,
            Instant retiresAt,
            Instant removedAt) {}

    /** A key that a rotation created. */
    public record Rotation(String kid, String algorithm, Instant activatesAt) {}

    private record Stored(String kid, String algorithm, long createdAt, long activatesAt, JWK jwk) {}

    private record Opened(String value, JWK jwk) {}

    private final Map<String, Opened> opened = new java.util.concurrent.ConcurrentHashMap<>();

    /** The keys in force at one instant, computed once and reused until the next transition. */
    private record View(
            long computedAt,
            long validUntil,
            Map<String, JWK> active,
            JWKSet signing,
            JWKSet published,
            List<KeyInfo> infos) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SigningKeyProperties properties;
    private final Duration overlap;
    private final KeyEncryption encryption;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile List<Stored> stored;
    private volatile View view;
    private volatile long lastReload;
    private volatile long lastUnknownKidReload = Long.MIN_VALUE / 2;

    public SigningKeys(JdbcClient jdbc, Clock clock, SigningKeyProperties properties, TokenProperties tokens) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.overlap = properties.overlap(tokens);
        this.encryption =
                properties.keyEncryptionKey() == null ? null : new KeyEncryption(properties.keyEncryptionKey());
        sealClearRows();
        for (String algorithm : ALGORITHMS) {
            ensureKey(algorithm);
        }
        reload();
    }

    /** Whether private keys are stored encrypted (a key-encryption key is configured). */
    public boolean encryptedAtRest() {
        return encryption != null;
    }

    public Duration prePublication() {
        return properties.keyPrePublication();
    }

    public Duration overlap() {
        return overlap;
    }

    /** The ES256 key that signs now (private part included). */
    public ECKey current() {
        return (ECKey) active("ES256");
    }

    /** The RS256 key that signs ID tokens now (private part included). */
    public RSAKey rsa() {
        return (RSAKey) active("RS256");
    }

    private JWK active(String algorithm) {
        JWK k = view().active().get(algorithm);
        if (k == null) {
            throw new IllegalStateException("no active " + algorithm + " signing key");
        }
        return k;
    }

    /** The public keys, as {@code /.well-known/jwks.json} and {@code /oauth2/jwks} publish them. */
    public JWKSet publicJwks() {
        return view().published();
    }

    /** Every key not gone, oldest activation first. */
    public List<KeyInfo> keys() {
        return view().infos();
    }

    /**
     * The source for the authorization server: a selection for signing (a key type and no kid, as
     * {@code NimbusJwtEncoder} asks) gets only the active private keys, so nothing signs with a
     * published or retired key; every other selection (the JWKS endpoint, a lookup by kid) gets the
     * public parts of all published keys.
     */
    public JWKSource<SecurityContext> jwkSource() {
        return (selector, context) -> {
            View v = view();
            JWKMatcher m = selector.getMatcher();
            boolean signing = (m.getKeyIDs() == null || m.getKeyIDs().isEmpty())
                    && m.getKeyTypes() != null
                    && !m.getKeyTypes().isEmpty();
            return selector.select(signing ? v.signing() : v.published());
        };
    }

    /**
     * The source for verifying tokens: every published key's public part; an unknown kid reloads the
     * keys (at most once per {@link #UNKNOWN_KID_RELOAD_SPACING}) before it fails.
     */
    public JWKSource<SecurityContext> verificationSource() {
        return (selector, context) -> {
            List<JWK> found = selector.select(view().published());
            JWKMatcher m = selector.getMatcher();
            if (found.isEmpty() && m.getKeyIDs() != null && !m.getKeyIDs().isEmpty() && reloadForUnknownKid()) {
                found = selector.select(view().published());
            }
            return found;
        };
    }

    private boolean reloadForUnknownKid() {
        long now = clock.millis();
        if (now - lastUnknownKidReload < UNKNOWN_KID_RELOAD_SPACING.toMillis() && now >= lastUnknownKidReload) {
            return false;
        }
        lastUnknownKidReload = now;
        return tryReload();
    }

    /** Reloads the keys if {@code key-refresh-interval} has passed since the last reload. */
    public void refreshIfDue() {
        long now = clock.millis();
        if (now - lastReload >= properties.keyRefreshInterval().toMillis() || now < lastReload) {
            tryReload();
        }
    }

    /** Reloads now (blocking until done). */
    public void refresh() {
        reloading.lock();
        try {
            reload();
        } finally {
            reloading.unlock();
        }
    }

    private boolean tryReload() {
        if (!reloading.tryLock()) {
            return false;
        }
        try {
            reload();
            return true;
        } catch (DataAccessException e) {
            log.warn(
                    "Cannot reload the signing keys from the database ({}); keeping the ones loaded",
                    e.getClass().getSimpleName());
            lastReload = clock.millis();
            return false;
        } finally {
            reloading.unlock();
        }
    }

    /**
     * Rotates {@code algorithm}: a new key, published now, signing from now + pre-publication.
     * Another instance rotating at the same instant makes this one follow that key.
     */
    public Rotation rotate(String algorithm) {
        requireAlgorithm(algorithm);
        for (int attempt = 0; ; attempt++) {
            Optional<Rotation> r = insertSuccessor(algorithm, newest(algorithm).kid());
            if (r.isPresent()) {
                refresh();
                return r.get();
            }
            if (attempt >= 3) {
                throw new IllegalStateException("cannot rotate the " + algorithm + " key: concurrent rotations");
            }
        }
    }

    /**
     * Rotates {@code algorithm} if its newest key is at least {@code interval} old. Instances
     * doing so at once insert one key between them: the loser gets nothing.
     */
    public Optional<Rotation> rotateIfOlderThan(String algorithm, Duration interval) {
        requireAlgorithm(algorithm);
        Stored newest = newest(algorithm);
        if (clock.millis() - newest.createdAt() < interval.toMillis()) {
            return Optional.empty();
        }
        Optional<Rotation> r = insertSuccessor(algorithm, newest.kid());
        r.ifPresent(x -> refresh());
        return r;
    }

    private static void requireAlgorithm(String algorithm) {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown signing algorithm " + algorithm + ": one of " + ALGORITHMS);
        }
    }

    private Optional<Rotation> insertSuccessor(String algorithm, String predecessor) {
        long now = clock.millis();
        long activatesAt = now + properties.keyPrePublication().toMillis();
        String kid = insert(algorithm, now, activatesAt, predecessor);
        if (kid == null) {
            return Optional.empty();
        }
        log.info(
                "Rotated the {} signing key: new kid {} is published now and signs from {}",
                algorithm,
                kid,
                Instant.ofEpochMilli(activatesAt));
        return Optional.of(new Rotation(kid, algorithm, Instant.ofEpochMilli(activatesAt)));
    }

    /** Inserts a new key; {@code null} when another key already follows {@code supersedes}. */
    private String insert(String algorithm, long createdAt, long activatesAt, String supersedes) {
        JWK key = algorithm.equals("ES256") ? generateEc() : generateRsa();
        try {
            jdbc.sql("insert into signing_key (kid, algorithm, jwk, created_at, activates_at, supersedes)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(key.getKeyID(), algorithm, seal(key), createdAt, activatesAt, supersedes)
                    .update();
            return key.getKeyID();
        } catch (DuplicateKeyException e) {
            return null;
        }
    }

    private String seal(JWK key) {
        String json = key.toJSONString();
        return encryption == null
                ? json
                : encryption.seal(key.getKeyID(), key.getAlgorithm().getName(), json);
    }

    private void ensureKey(String algorithm) {
        Integer n = jdbc.sql("select count(*) from signing_key where algorithm = ?")
                .param(algorithm)
                .query(Integer.class)
                .single();
        if (n > 0) {
            return;
        }
        long now = clock.millis();
        // 'genesis' is unique: instances starting together on an empty database create one key
        if (insert(algorithm, now, now, "genesis-" + algorithm) != null) {
            log.warn(
                    "Generated a new {} signing key and stored it in the database; tokens signed earlier with another"
                            + " key no longer verify.",
                    algorithm);
        }
    }

    /** With a key-encryption key, rows stored in clear (before it was configured) are sealed. */
    private void sealClearRows() {
        if (encryption == null) {
            return;
        }
        List<String[]> rows = jdbc.sql("select kid, algorithm, jwk from signing_key")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
        int sealed = 0;
        for (String[] row : rows) {
            if (KeyEncryption.isSealed(row[2])) {
                continue;
            }
            parse(row[0], row[2]); // a clear row must be a valid JWK before it is sealed
            sealed += jdbc.sql("update signing_key set jwk = ? where kid = ? and jwk = ?")
                    .params(encryption.seal(row[0], row[1], row[2]), row[0], row[2])
                    .update();
        }
        if (sealed > 0) {
            log.info("Encrypted {} signing key(s) stored in clear with the key-encryption key", sealed);
        }
    }

    private Stored newest(String algorithm) {
        return read().stream()
                .filter(s -> s.algorithm().equals(algorithm))
                .max(ORDER)
                .orElseThrow(() -> new IllegalStateException("no " + algorithm + " signing key in the database"));
    }

    private static final Comparator<Stored> ORDER = Comparator.comparingLong(Stored::activatesAt)
            .thenComparingLong(Stored::createdAt)
            .thenComparing(Stored::kid);

    private List<Stored> read() {
        return jdbc
                .sql("select kid, algorithm, jwk, created_at, activates_at from signing_key")
                .query((rs, i) -> {
                    long created = rs.getLong(4);
                    long activates = rs.getLong(5);
                    if (rs.wasNull()) {
                        activates = created;
                    }
                    String kid = rs.getString(1);
                    String algorithm = rs.getString(2);
                    String value = rs.getString(3);
                    // the same key object as long as its row is unchanged: no decryption per reload, and the
                    // encoder's cached signer for it stays in use
                    Opened known = opened.get(kid);
                    JWK jwk = known != null && known.value().equals(value) ? known.jwk() : open(kid, algorithm, value);
                    opened.put(kid, new Opened(value, jwk));
                    return new Stored(kid, algorithm, created, activates, jwk);
                })
                .list()
                .stream()
                .filter(s -> ALGORITHMS.contains(s.algorithm()))
                .sorted(ORDER)
                .toList();
    }

    private JWK open(String kid, String algorithm, String value) {
        if (!KeyEncryption.isSealed(value)) {
            if (encryption != null) {
                throw new IllegalStateException("signing key " + kid + " is stored in clear although"
                        + " wegate.token.key-encryption-key is configured; restart to encrypt it");
            }
            return parse(kid, value);
        }
        if (encryption == null) {
            throw new IllegalStateException("signing key " + kid + " in table signing_key is encrypted, but no"
                    + " wegate.token.key-encryption-key (WEGATE_TOKEN_KEY_ENCRYPTION_KEY) is configured: configure the"
                    + " key it was encrypted with");
        }
        try {
            return parse(kid, encryption.open(kid, algorithm, value));
        } catch (KeyEncryption.WrongKeyException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private void reload() {
        List<Stored> all = read();
        long now = clock.millis();
        View v = compute(all, now);
        // gone keys are deleted: their private parts should not linger
        for (Stored s : all) {
            if (v.infos().stream().noneMatch(i -> i.kid().equals(s.kid()))) {
                jdbc.sql("delete from signing_key where kid = ?").param(s.kid()).update();
                opened.remove(s.kid());
            }
        }
        stored = all;
        view = v;
        lastReload = now;
    }

    private View view() {
        refreshIfDue();
        long now = clock.millis();
        View v = view;
        if (now >= v.validUntil() || now < v.computedAt()) {
            v = compute(stored, now);
            view = v;
        }
        return v;
    }

    private View compute(List<Stored> all, long now) {
        long validUntil = Long.MAX_VALUE;
        Map<String, JWK> active = new LinkedHashMap<>();
        List<JWK> signing = new ArrayList<>();
        List<JWK> published = new ArrayList<>();
        List<KeyInfo> infos = new ArrayList<>();
        for (String algorithm : ALGORITHMS) {
            List<Stored> keys =
                    all.stream().filter(s -> s.algorithm().equals(algorithm)).toList();
            int activeIndex = -1;
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).activatesAt() <= now) {
                    activeIndex = i;
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                Stored s = keys.get(i);
                Long retires = i + 1 < keys.size() ? keys.get(i + 1).activatesAt() : null;
                Long removed = retires == null ? null : retires + overlap.toMillis();
                State state;
                if (i == activeIndex) {
                    state = State.ACTIVE;
                } else if (i > activeIndex) {
                    state = State.PUBLISHED;
                    validUntil = Math.min(validUntil, s.activatesAt());
                } else if (removed > now) {
                    state = State.RETIRED;
                    validUntil = Math.min(validUntil, removed);
                } else {
                    state = State.GONE;
                }
                if (state == State.GONE) {
                    continue;
                }
                if (state == State.ACTIVE) {
                    active.put(algorithm, s.jwk());
                    signing.add(s.jwk());
                }
                published.add(s.jwk().toPublicJWK());
                infos.add(new KeyInfo(
                        s.kid(),
                        algorithm,
                        state,
                        Instant.ofEpochMilli(s.createdAt()),
                        Instant.ofEpochMilli(s.activatesAt()),
                        retires == null ? null : Instant.ofEpochMilli(retires),
                        removed == null ? null : Instant.ofEpochMilli(removed)));
            }
        }
        return new View(
                now, validUntil, Map.copyOf(active), new JWKSet(signing), new JWKSet(published), List.copyOf(infos));
    }

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RS256 key", e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an ES256 key", e);
        }
    }

    private static JWK parse(String kid, String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            // never the JSON itself: it holds the private key
            throw new IllegalStateException("stored signing key " + kid + " is not a valid JWK");
        }
    }
}
