package io.wegate.server.oidc;

import io.wegate.server.account.Account;
import io.wegate.server.token.Login;
import io.wegate.server.token.LoginMethod;
import io.wegate.server.token.TokenService;
import io.wegate.server.web.Sha256;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * The authorization server's authorizations, in the database (table {@code oidc_authorization}),
 * shared by every instance and kept across restarts, with wegate's rules on top of Spring's:
 *
 * <ul>
 *   <li>no token value is stored: every token (state, authorization code, access, refresh and ID
 *       token, device and user code) is found by its SHA-256 hash; a loaded authorization holds the
 *       presented token's value, and a placeholder for the others (see {@link AuthorizationTokens});
 *   <li>an authorization lives only as long as its wegate login: once the login ended (logout,
 *       refresh-token reuse anywhere, an account no longer active), it is dropped when next seen;
 *   <li>its refresh tokens are wegate refresh tokens ({@link TokenService}): presenting one that was
 *       already rotated away ends the whole login, for OIDC clients as for the API flows (RFC 9700
 *       section 4.14.2), on any instance;
 *   <li>every change is applied only to the version it was read at (optimistic locking), and a
 *       rotation marks the old refresh token used with one conditional update: of two concurrent
 *       refreshes (or code exchanges) exactly one wins; the other one is refused with
 *       {@code invalid_grant}, and a refresh that lost counts as reuse.
 * </ul>
 *
 * One indexed lookup loads an authorization with its login and account; an update writes only the
 * parts that changed.
 */
final class OidcAuthorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(OidcAuthorizations.class);

    /** The attribute that carries what a loaded authorization was read as (never stored). */
    static final String LOADED = OidcAuthorizations.class.getName() + ".loaded";

    private static final String PRINCIPAL = Principal.class.getName();

    /** How long an authorization without any token (consent pending) is kept. */
    private static final Duration WITHOUT_TOKENS = Duration.ofHours(1);

    private static final String SELECT = "select a.*, l.account_id as l_account_id, l.upstream as l_upstream,"
            + " l.flow as l_flow, l.app_id as l_app_id, l.authenticated_at as l_authenticated_at,"
            + " l.expires_at as l_expires_at, l.revoked_at as l_revoked_at, c.status as c_status";
    private static final String FROM = " from oidc_authorization a left join account_login l on l.id = a.login_id"
            + " left join account c on c.id = l.account_id where ";

    private static final String ANY_TOKEN;

    static {
        StringJoiner union = new StringJoiner(" union all ");
        for (AuthorizationTokens t : AuthorizationTokens.values()) {
            union.add(SELECT + ", '" + t.name() + "' as matched" + FROM + "a." + t.hashColumn() + " = ?");
        }
        ANY_TOKEN = union.toString();
    }

    private final JdbcClient jdbc;
    private final RegisteredClientRepository clients;
    private final TokenService tokens;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuthorizationJson json = new AuthorizationJson();

    OidcAuthorizations(
            JdbcClient jdbc,
            RegisteredClientRepository clients,
            TokenService tokens,
            TransactionTemplate tx,
            Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc must not be null");
        this.clients = Objects.requireNonNull(clients, "clients must not be null");
        this.tokens = Objects.requireNonNull(tokens, "tokens must not be null");
        this.tx = Objects.requireNonNull(tx, "tx must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    // ---------------------------------------------------------------- reading

    @Override
    public OAuth2Authorization findById(String id) {
        if (!StringUtils.hasText(id)) {
            throw new IllegalArgumentException("id must not be empty");
        }
        return live(jdbc.sql(SELECT + FROM + "a.id = ?").param(id).query(ROW).list().stream()
                .findFirst()
                .map(row -> read(new Row(row), null, null))
                .orElse(null));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (!StringUtils.hasText(token)) {
            throw new IllegalArgumentException("token must not be empty");
        }
        String hash = Sha256.hex(token);
        Loaded found;
        if (tokenType == null) {
            Object[] hashes = new Object[AuthorizationTokens.values().length];
            java.util.Arrays.fill(hashes, hash);
            found = jdbc.sql(ANY_TOKEN).params(hashes).query(ROW).list().stream()
                    .findFirst()
                    .map(Row::new)
                    .map(rs -> read(rs, AuthorizationTokens.valueOf(rs.getString("matched")), token))
                    .orElse(null);
        } else {
            AuthorizationTokens kind = AuthorizationTokens.of(tokenType);
            if (kind == null) {
                return null;
            }
            found = jdbc.sql(SELECT + FROM + "a." + kind.hashColumn() + " = ?").param(hash).query(ROW).list().stream()
                    .findFirst()
                    .map(row -> read(new Row(row), kind, token))
                    .orElse(null);
            if (found == null && kind == AuthorizationTokens.REFRESH) {
                reuseDetected(hash);
            }
        }
        return live(found);
    }

    /** A refresh token no authorization holds any more: if it was rotated away, its login ends. */
    private void reuseDetected(String hash) {
        String login = tokens.revokeIfReused(hash);
        if (login != null) {
            int dropped = jdbc.sql("delete from oidc_authorization where login_id = ?")
                    .param(login)
                    .update();
            log.warn("OIDC refresh token reuse: ended login {} and dropped its {} authorizations", login, dropped);
        }
    }

    /** What a row was read as: the authorization and the login and account behind it. */
    private record Loaded(String id, OAuth2Authorization authorization, Login login, String accountStatus) {}

    /**
     * Rows are read off the connection before they are mapped: mapping looks the client up, and a
     * second connection taken while the query's is still held starves the pool under load (every
     * caller holding one and waiting for another).
     */
    private static final org.springframework.jdbc.core.ColumnMapRowMapper ROW =
            new org.springframework.jdbc.core.ColumnMapRowMapper();

    /** One row, off the connection: column labels case-insensitive, large texts already read. */
    private record Row(Map<String, Object> columns) {

        String getString(String column) {
            Object value = columns.get(column);
            return value == null ? null : value.toString();
        }

        long getLong(String column) {
            Object value = columns.get(column);
            return value == null ? 0 : ((Number) value).longValue();
        }

        Object getObject(String column) {
            return columns.get(column);
        }
    }

    private Loaded read(Row rs, AuthorizationTokens presented, String value) {
        String id = rs.getString("id");
        RegisteredClient client = clients.findById(rs.getString("registered_client_id"));
        String loginId = rs.getString("login_id");
        Login login = loginId == null || rs.getString("l_account_id") == null
                ? null
                : new Login(
                        loginId,
                        rs.getString("l_account_id"),
                        new LoginMethod(rs.getString("l_upstream"), rs.getString("l_flow"), rs.getString("l_app_id")),
                        Instant.ofEpochMilli(rs.getLong("l_authenticated_at")),
                        Instant.ofEpochMilli(rs.getLong("l_expires_at")),
                        instant(rs, "l_revoked_at"));
        if (client == null) {
            // the client was deleted: its authorizations went with it
            return new Loaded(id, null, login, rs.getString("c_status"));
        }
        Snapshot snapshot = new Snapshot(rs.getLong("version"));
        Map<String, Object> attributes = json.read(rs.getString("attributes"));
        if (login != null) {
            attributes.put(PRINCIPAL, new OidcLoginAuthentication(login));
        }
        String stateHash = rs.getString("state_hash");
        if (stateHash != null) {
            attributes.put(
                    OAuth2ParameterNames.STATE,
                    presented == AuthorizationTokens.STATE ? value : AuthorizationTokens.placeholder(stateHash));
        }
        snapshot.attributes.putAll(attributes);
        attributes.put(LOADED, snapshot);
        OAuth2Authorization.Builder b = OAuth2Authorization.withRegisteredClient(client)
                .id(id)
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
                .authorizedScopes(scopes(rs.getString("authorized_scopes")))
                .attributes(a -> a.putAll(attributes));
        for (AuthorizationTokens kind : AuthorizationTokens.values()) {
            if (kind == AuthorizationTokens.STATE) {
                continue;
            }
            String hash = rs.getString(kind.hashColumn());
            if (hash == null) {
                continue;
            }
            Map<String, Object> metadata = json.read(rs.getString(kind.column + "_metadata"));
            OAuth2AccessToken.TokenType type = null;
            Set<String> scopes = Set.of();
            if (kind == AuthorizationTokens.ACCESS) {
                type = OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(rs.getString("access_token_type"))
                        ? OAuth2AccessToken.TokenType.DPOP
                        : OAuth2AccessToken.TokenType.BEARER;
                scopes = scopes(rs.getString("access_token_scopes"));
            }
            OAuth2Token token = kind.token(
                    kind == presented ? value : AuthorizationTokens.placeholder(hash),
                    instant(rs, kind.column + "_issued_at"),
                    instant(rs, kind.column + "_expires_at"),
                    metadata,
                    type,
                    scopes);
            b.token(token, m -> m.putAll(metadata));
            if (kind == AuthorizationTokens.REFRESH) {
                snapshot.refreshHash = hash;
            }
        }
        OAuth2Authorization authorization = b.build();
        for (AuthorizationTokens kind : AuthorizationTokens.values()) {
            if (kind.type != null) {
                snapshot.tokens.put(kind, authorization.getToken(kind.type));
            }
        }
        snapshot.scopes = authorization.getAuthorizedScopes();
        snapshot.principalName = authorization.getPrincipalName();
        return new Loaded(id, authorization, login, rs.getString("c_status"));
    }

    /** The authorization if its client and its wegate login still stand; otherwise it is dropped. */
    private OAuth2Authorization live(Loaded loaded) {
        if (loaded == null) {
            return null;
        }
        boolean ended = loaded.authorization() == null
                || (loaded.login() != null
                        && (!loaded.login().liveAt(clock.instant()) || !Account.ACTIVE.equals(loaded.accountStatus())));
        if (ended) {
            jdbc.sql("delete from oidc_authorization where id = ?")
                    .param(loaded.id())
                    .update();
            return null;
        }
        return loaded.authorization();
    }

    // ---------------------------------------------------------------- writing

    /** What an authorization was loaded as: compared with what is saved, it says what changed. */
    static final class Snapshot {
        long version;
        final Map<String, Object> attributes = new HashMap<>();
        final Map<AuthorizationTokens, OAuth2Authorization.Token<?>> tokens = new EnumMap<>(AuthorizationTokens.class);
        String refreshHash;
        Set<String> scopes = Set.of();
        String principalName;

        Snapshot(long version) {
            this.version = version;
        }
    }

    private enum Outcome {
        SAVED,
        CONFLICT,
        REFRESH_NOT_FRESH
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization must not be null");
        Snapshot snapshot = authorization.getAttribute(LOADED);
        Login login = loginOf(authorization);
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        String refreshHash = refresh == null ? null : hash(refresh.getToken());
        String oldRefreshHash = snapshot == null ? null : snapshot.refreshHash;
        Outcome outcome = tx.execute(s -> {
            if (login != null && !Objects.equals(refreshHash, oldRefreshHash)) {
                if (oldRefreshHash != null && !tokens.useRefreshToken(oldRefreshHash)) {
                    s.setRollbackOnly();
                    return Outcome.REFRESH_NOT_FRESH;
                }
                if (refresh != null) {
                    tokens.recordRefreshToken(
                            refreshHash,
                            login,
                            authorization.getId(),
                            refresh.getToken().getIssuedAt(),
                            refresh.getToken().getExpiresAt());
                }
            } else if (refresh != null
                    && refresh.isInvalidated()
                    && (snapshot == null || snapshot.tokens.get(AuthorizationTokens.REFRESH) != refresh)) {
                // revoked, or invalidated with a replayed code: the wegate refresh token goes too
                tokens.revokeRefreshToken(refreshHash);
            }
            boolean written = snapshot == null ? insert(authorization, login) : update(authorization, login, snapshot);
            if (!written) {
                s.setRollbackOnly();
                return Outcome.CONFLICT;
            }
            return Outcome.SAVED;
        });
        switch (outcome) {
            case SAVED -> {
                if (snapshot != null) {
                    remember(snapshot, authorization, refreshHash);
                }
            }
            case REFRESH_NOT_FRESH -> {
                // the refresh token was used (or revoked) since this request read it: one of two
                // concurrent refreshes lost, which is reuse as much as a late replay is
                reuseDetected(oldRefreshHash);
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "the refresh token was used", null));
            }
            case CONFLICT ->
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "the authorization changed meanwhile", null));
        }
    }

    private void remember(Snapshot snapshot, OAuth2Authorization authorization, String refreshHash) {
        snapshot.version++;
        snapshot.attributes.clear();
        authorization.getAttributes().forEach((k, v) -> {
            if (!LOADED.equals(k)) {
                snapshot.attributes.put(k, v);
            }
        });
        for (AuthorizationTokens kind : AuthorizationTokens.values()) {
            if (kind.type != null) {
                snapshot.tokens.put(kind, authorization.getToken(kind.type));
            }
        }
        snapshot.refreshHash = refreshHash;
        snapshot.scopes = authorization.getAuthorizedScopes();
        snapshot.principalName = authorization.getPrincipalName();
    }

    private boolean insert(OAuth2Authorization a, Login login) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        add(columns, values, "id", a.getId());
        add(columns, values, "version", 1L);
        core(a, login, columns, values);
        for (AuthorizationTokens kind : AuthorizationTokens.values()) {
            if (kind.type != null) {
                token(kind, a, columns, values);
            }
        }
        add(columns, values, "expires_at", expiresAt(a));
        StringJoiner marks = new StringJoiner(", ");
        columns.forEach(c -> marks.add("?"));
        jdbc.sql("insert into oidc_authorization (" + String.join(", ", columns) + ") values (" + marks + ")")
                .params(values)
                .update();
        return true;
    }

    private boolean update(OAuth2Authorization a, Login login, Snapshot snapshot) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (coreChanged(a, snapshot)) {
            core(a, login, columns, values);
        }
        boolean tokensChanged = false;
        for (AuthorizationTokens kind : AuthorizationTokens.values()) {
            if (kind.type != null && a.getToken(kind.type) != snapshot.tokens.get(kind)) {
                token(kind, a, columns, values);
                tokensChanged = true;
            }
        }
        if (tokensChanged) {
            add(columns, values, "expires_at", expiresAt(a));
        }
        StringBuilder sql = new StringBuilder("update oidc_authorization set version = version + 1");
        columns.forEach(c -> sql.append(", ").append(c).append(" = ?"));
        sql.append(" where id = ? and version = ?");
        values.add(a.getId());
        values.add(snapshot.version);
        return jdbc.sql(sql.toString()).params(values).update() == 1;
    }

    private boolean coreChanged(OAuth2Authorization a, Snapshot snapshot) {
        Map<String, Object> now = a.getAttributes();
        if (now.size() - (now.containsKey(LOADED) ? 1 : 0) != snapshot.attributes.size()) {
            return true;
        }
        for (Map.Entry<String, Object> e : snapshot.attributes.entrySet()) {
            if (now.get(e.getKey()) != e.getValue()) {
                return true;
            }
        }
        return !a.getAuthorizedScopes().equals(snapshot.scopes)
                || !Objects.equals(a.getPrincipalName(), snapshot.principalName);
    }

    private void core(OAuth2Authorization a, Login login, List<String> columns, List<Object> values) {
        add(columns, values, "registered_client_id", a.getRegisteredClientId());
        add(columns, values, "principal_name", a.getPrincipalName());
        add(columns, values, "grant_type", a.getAuthorizationGrantType().getValue());
        add(
                columns,
                values,
                "authorized_scopes",
                a.getAuthorizedScopes().isEmpty() ? null : String.join(",", a.getAuthorizedScopes()));
        add(columns, values, "login_id", login == null ? null : login.id());
        Map<String, Object> attributes = new HashMap<>(a.getAttributes());
        attributes.remove(LOADED);
        if (login != null) {
            attributes.remove(PRINCIPAL);
        }
        Object state = attributes.remove(OAuth2ParameterNames.STATE);
        add(columns, values, "attributes", json.write(attributes));
        add(
                columns,
                values,
                "state_hash",
                state instanceof String s && StringUtils.hasText(s)
                        ? AuthorizationTokens.hashOf(s, Sha256::hex)
                        : null);
    }

    private void token(AuthorizationTokens kind, OAuth2Authorization a, List<String> columns, List<Object> values) {
        OAuth2Authorization.Token<?> t = a.getToken(kind.type);
        OAuth2Token token = t == null ? null : t.getToken();
        add(columns, values, kind.hashColumn(), token == null ? null : hash(token));
        add(columns, values, kind.column + "_issued_at", millis(token == null ? null : token.getIssuedAt()));
        add(columns, values, kind.column + "_expires_at", millis(token == null ? null : token.getExpiresAt()));
        add(columns, values, kind.column + "_metadata", t == null ? null : json.write(t.getMetadata()));
        if (kind == AuthorizationTokens.ACCESS) {
            OAuth2AccessToken access = (OAuth2AccessToken) token;
            add(
                    columns,
                    values,
                    "access_token_type",
                    access == null ? null : access.getTokenType().getValue());
            add(
                    columns,
                    values,
                    "access_token_scopes",
                    access == null || access.getScopes().isEmpty() ? null : String.join(",", access.getScopes()));
        }
    }

    /** When the last of its tokens expires: the row may be purged after that. */
    private long expiresAt(OAuth2Authorization a) {
        Instant latest = null;
        for (AuthorizationTokens kind : AuthorizationTokens.values()) {
            if (kind.type == null) {
                continue;
            }
            OAuth2Authorization.Token<?> t = a.getToken(kind.type);
            Instant end = t == null ? null : t.getToken().getExpiresAt();
            if (end != null && (latest == null || end.isAfter(latest))) {
                latest = end;
            }
        }
        return (latest == null ? clock.instant().plus(WITHOUT_TOKENS) : latest).toEpochMilli();
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization must not be null");
        jdbc.sql("delete from oidc_authorization where id = ?")
                .param(authorization.getId())
                .update();
    }

    /**
     * Deletes the authorizations whose every token expired more than a day ago (those of ended
     * logins go when next seen, or here); every instance may run it, the deletes are idempotent.
     */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purgeExpired() {
        int purged = purge(clock.instant().minus(Duration.ofDays(1)));
        if (purged > 0) {
            log.info("purged {} expired OIDC authorizations", purged);
        }
    }

    /** Deletes the authorizations whose every token expired before {@code before}; their number. */
    int purge(Instant before) {
        return jdbc.sql("delete from oidc_authorization where expires_at < ?")
                .param(before.toEpochMilli())
                .update();
    }

    // ---------------------------------------------------------------- helpers

    private static String hash(OAuth2Token token) {
        return AuthorizationTokens.hashOf(token.getTokenValue(), Sha256::hex);
    }

    private static Login loginOf(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(PRINCIPAL);
        return principal instanceof OidcLoginAuthentication person ? person.login() : null;
    }

    private static void add(List<String> columns, List<Object> values, String column, Object value) {
        columns.add(column);
        values.add(value);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Row rs, String column) {
        Object value = rs.getObject(column);
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    private static Set<String> scopes(String csv) {
        return csv == null || csv.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(csv.split(",")));
    }
}
