package io.wegate.server.backchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.server.support.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery table (Flyway V10) on every supported database: one delivery per client and login
 * (a second is a duplicate key, which a savepoint keeps from aborting the caller's transaction, as
 * PostgreSQL would), of instances claiming one delivery at once exactly one gets it, and the
 * outcomes read back by account.
 */
class BackChannelDeliveriesDatabaseTest {

    record Db(String name, TestDatabases.Db db) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Db> databases() {
        return Stream.of(
                new Db(
                        "h2",
                        new TestDatabases.Db(
                                "jdbc:h2:mem:deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")),
                new Db("postgres", TestDatabases.postgres()),
                new Db("mariadb", TestDatabases.mariadb()));
    }

    private static DriverManagerDataSource dataSource(Db db) {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                db.db().url(), db.db().user(), db.db().password());
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return ds;
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static BackChannelDeliveries.Holder holder(String accountId) {
        return new BackChannelDeliveries.Holder(
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), accountId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenTheSameClientAndLoginAreQueuedTwiceInOneTransactionThenOneRowAndTheTransactionGoesOn(Db db) {
        DriverManagerDataSource ds = dataSource(db);
        BackChannelDeliveries deliveries = new BackChannelDeliveries(JdbcClient.create(ds));
        DataSourceTransactionManager manager = new DataSourceTransactionManager(ds);
        TransactionTemplate caller = new TransactionTemplate(manager);
        TransactionTemplate savepoint = new TransactionTemplate(manager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        String account = UUID.randomUUID().toString();
        BackChannelDeliveries.Holder first = holder(account);
        BackChannelDeliveries.Holder second = holder(account);

        caller.executeWithoutResult(s -> {
            deliveries.insert(UUID.randomUUID().toString(), "rp-a", first, "https://wegate.test", "logout", NOW);
            assertThatThrownBy(() -> savepoint.executeWithoutResult(t -> deliveries.insert(
                            UUID.randomUUID().toString(), "rp-a", first, "https://wegate.test", "logout", NOW)))
                    .isInstanceOf(DuplicateKeyException.class);
            // after the savepoint's rollback the transaction still works (PostgreSQL would refuse otherwise)
            deliveries.insert(UUID.randomUUID().toString(), "rp-a", second, "https://wegate.test", "logout", NOW);
        });

        assertThat(deliveries.exists("rp-a", first.loginId())).isTrue();
        assertThat(deliveries.exists("rp-b", first.loginId())).isFalse();
        assertThat(deliveries.ofAccount(account, 10))
                .extracting(BackChannelDelivery::loginId)
                .containsExactlyInAnyOrder(first.loginId(), second.loginId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenEightInstancesClaimOneDueDeliveryAtOnceThenExactlyOneGetsIt(Db db) throws Exception {
        DriverManagerDataSource ds = dataSource(db);
        BackChannelDeliveries deliveries = new BackChannelDeliveries(JdbcClient.create(ds));
        String id = UUID.randomUUID().toString();
        deliveries.insert(id, "rp-a", holder(UUID.randomUUID().toString()), "https://wegate.test", "logout", NOW);
        int n = 8;
        CyclicBarrier together = new CyclicBarrier(n);
        List<Future<Optional<BackChannelDeliveries.Claimed>>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                claims.add(pool.submit(() -> {
                    together.await();
                    return deliveries.claim(id, NOW, NOW.plus(BackChannelRetries.LEASE));
                }));
            }
            int won = 0;
            for (Future<Optional<BackChannelDeliveries.Claimed>> f : claims) {
                Optional<BackChannelDeliveries.Claimed> c = f.get();
                if (c.isPresent()) {
                    won++;
                    assertThat(c.get().attempts()).isEqualTo(1);
                }
            }
            assertThat(won).isEqualTo(1);
        }
        // held for the lease: not due, not claimable, until it runs out
        assertThat(deliveries.due(NOW.plusSeconds(59), 10)).doesNotContain(id);
        assertThat(deliveries.claim(id, NOW.plusSeconds(59), NOW.plusSeconds(119)))
                .isEmpty();
        assertThat(deliveries.due(NOW.plus(BackChannelRetries.LEASE), 10)).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenOutcomesAreRecordedThenTheAccountsDeliveriesReadThemBack(Db db) {
        DriverManagerDataSource ds = dataSource(db);
        BackChannelDeliveries deliveries = new BackChannelDeliveries(JdbcClient.create(ds));
        String account = UUID.randomUUID().toString();
        String delivered = UUID.randomUUID().toString();
        String retried = UUID.randomUUID().toString();
        String givenUp = UUID.randomUUID().toString();
        deliveries.insert(delivered, "rp-a", holder(account), "https://wegate.test", "logout", NOW);
        deliveries.insert(retried, "rp-b", holder(account), "https://wegate.test", "revoked", NOW.plusMillis(1));
        deliveries.insert(givenUp, "rp-c", holder(account), "https://wegate.test", "offboarded", NOW.plusMillis(2));

        deliveries.delivered(delivered, NOW.plusSeconds(1), 204);
        deliveries.retryAt(retried, NOW.plusSeconds(10), null, "ConnectException");
        deliveries.gaveUp(givenUp, 500, null);

        List<BackChannelDelivery> read = deliveries.ofAccount(account, 10);
        assertThat(read).extracting(BackChannelDelivery::id).containsExactly(givenUp, retried, delivered);
        assertThat(read.get(0).status()).isEqualTo(BackChannelDelivery.GIVEN_UP);
        assertThat(read.get(0).lastStatus()).isEqualTo(500);
        assertThat(read.get(0).reason()).isEqualTo("offboarded");
        assertThat(read.get(1).status()).isEqualTo(BackChannelDelivery.PENDING);
        assertThat(read.get(1).lastError()).isEqualTo("ConnectException");
        assertThat(read.get(1).lastStatus()).isNull();
        assertThat(read.get(1).nextAttemptAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(read.get(2).status()).isEqualTo(BackChannelDelivery.DELIVERED);
        assertThat(read.get(2).deliveredAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(read.get(2).lastStatus()).isEqualTo(204);
        assertThat(deliveries.due(NOW.plusSeconds(9), 10)).doesNotContain(retried, delivered, givenUp);
        assertThat(deliveries.due(NOW.plusSeconds(10), 10)).contains(retried).doesNotContain(delivered, givenUp);
    }
}
