package dev.cairn.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.config.Configuration;
import dev.cairn.config.LockMode;
import dev.cairn.error.CairnException;
import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lease lock against a real PostgreSQL: one holder at a time, heartbeat, takeover, loss. */
class LeaseLockTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
    }

    Configuration config(String table, Duration ttl, Duration timeout) {
        return Cairn.configure().url(db.url()).table(table).lockMode(LockMode.TABLE).leaseTtl(ttl)
                .lockTimeout(timeout).load().configuration();
    }

    Connection connect() throws Exception {
        Connection c = db.connect();
        c.setAutoCommit(true);
        return c;
    }

    @Test
    void claimsRacingForAFreeOrExpiredLeaseLeaveExactlyOneHolder() throws Exception {
        int claimants = 8;
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try (Connection admin = connect()) {
            Dialect dialect = DialectFactory.of(admin);
            LeaseTable table = LeaseTable.of(dialect, config("cairn_history", Duration.ofSeconds(30),
                    Duration.ZERO).table());
            table.ensure(admin);
            for (int i = 0; i < claimants; i++) {
                connections.add(connect());
            }
            for (int round = 0; round < 25; round++) {
                if (round > 0) {
                    db.execute("UPDATE cairn_history_lock SET expires_at = clock_timestamp() - interval '1 second'");
                }
                CyclicBarrier start = new CyclicBarrier(claimants);
                List<Future<Optional<Lease>>> claims = new ArrayList<>();
                for (int i = 0; i < claimants; i++) {
                    Connection c = connections.get(i);
                    LeaseTable.Claim claim = new LeaseTable.Claim("round " + round + " claimant " + i, "host-" + i, i);
                    claims.add(pool.submit(() -> {
                        start.await();
                        return table.tryAcquire(c, claim, Duration.ofSeconds(30));
                    }));
                }
                List<String> winners = new ArrayList<>();
                for (Future<Optional<Lease>> f : claims) {
                    f.get(30, TimeUnit.SECONDS).ifPresent(l -> winners.add(l.token()));
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(db.column("SELECT token FROM cairn_history_lock")).containsExactlyElementsOf(winners);
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    @Test
    void runnersCreatingTheLockTableAtOnceAllSucceed() throws Exception {
        int runners = 8;
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        try {
            for (int i = 0; i < runners; i++) {
                connections.add(connect());
            }
            Dialect dialect = DialectFactory.of(connections.get(0));
            for (int round = 0; round < 15; round++) {
                db.execute("DROP SCHEMA IF EXISTS ops CASCADE");
                LeaseTable table = LeaseTable.of(dialect, config("ops.cairn_history", Duration.ofSeconds(30),
                        Duration.ZERO).table());
                CyclicBarrier start = new CyclicBarrier(runners);
                List<Future<Object>> creates = new ArrayList<>();
                for (Connection c : connections) {
                    creates.add(pool.submit(() -> {
                        start.await();
                        table.ensure(c);
                        return null;
                    }));
                }
                for (Future<Object> f : creates) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(db.scalar("SELECT count(*) FROM ops.cairn_history_lock")).isEqualTo("0");
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
            db.execute("DROP SCHEMA IF EXISTS ops CASCADE");
        }
    }

    @Test
    void heartbeatKeepsTheLeaseBeyondItsTtlAndAWaiterTimesOutNamingHolderAndExpiry() throws Exception {
        Configuration config = config("cairn_history", Duration.ofSeconds(1), Duration.ofSeconds(4));
        try (Connection holderConnection = connect(); Connection waiterConnection = connect()) {
            Dialect dialect = DialectFactory.of(holderConnection);
            LeaseLock lease = LeaseLock.acquire(holderConnection, dialect, config.table(), config, (h, w) -> { });
            try {
                String token = db.scalar("SELECT token FROM cairn_history_lock");
                List<Optional<LockHolder>> reported = new CopyOnWriteArrayList<>();
                assertThatThrownBy(() -> LeaseLock.acquire(waiterConnection, dialect, config.table(), config,
                        (h, w) -> reported.add(h)))
                        .isInstanceOfSatisfying(CairnException.class, e -> {
                            assertThat(e.kind()).isEqualTo(CairnException.Kind.LOCK_TIMEOUT);
                            assertThat(e.getMessage()).contains("holds the lease in cairn_history_lock")
                                    .contains("pid " + ProcessHandle.current().pid()).contains("expires at")
                                    .contains("nothing was applied").contains("unlock with lock-mode=table, force");
                        });
                // Four seconds is four TTLs: only the heartbeat kept the lease from being taken over.
                assertThat(reported).isNotEmpty().allSatisfy(h ->
                        assertThat(h).hasValueSatisfying(x -> assertThat(x.pid()).isEqualTo((int) ProcessHandle.current().pid())));
                assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo(token);
                assertThat(db.scalar("SELECT expires_at > clock_timestamp() FROM cairn_history_lock")).isEqualTo("t");
                lease.verify();
            } finally {
                lease.close();
            }
            assertThat(db.column("SELECT token FROM cairn_history_lock")).isEmpty();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsOldHolderFindsItLostAndLeavesTheNewRowAlone() throws Exception {
        Configuration config = config("cairn_history", Duration.ofSeconds(30), Duration.ofSeconds(10));
        try (Connection first = connect(); Connection second = connect()) {
            Dialect dialect = DialectFactory.of(first);
            LeaseLock old = LeaseLock.acquire(first, dialect, config.table(), config, (h, w) -> { });
            // As if the old holder's heartbeat had not reached the server for a whole TTL.
            db.execute("UPDATE cairn_history_lock SET expires_at = clock_timestamp() - interval '1 second'");
            LeaseLock taker = LeaseLock.acquire(second, dialect, config.table(), config, (h, w) -> { });
            String takerToken = db.scalar("SELECT token FROM cairn_history_lock");

            assertThatThrownBy(old::verify).isInstanceOfSatisfying(CairnException.class, e -> {
                assertThat(e.code()).isEqualTo("lock.lost");
                assertThat(e.getMessage()).contains("was taken over by pid").contains("stopped before its next migration");
            });
            old.close();
            assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo(takerToken);
            taker.verify();
            taker.close();
            assertThat(db.column("SELECT token FROM cairn_history_lock")).isEmpty();
        }
    }

    @Test
    void aClearedLeaseIsLostToo() throws Exception {
        Configuration config = config("cairn_history", Duration.ofSeconds(30), Duration.ZERO);
        try (Connection c = connect()) {
            LeaseLock lease = LeaseLock.acquire(c, DialectFactory.of(c), config.table(), config, (h, w) -> { });
            db.execute("DELETE FROM cairn_history_lock");
            assertThatThrownBy(lease::verify).isInstanceOfSatisfying(CairnException.class, e ->
                    assertThat(e.getMessage()).contains("was deleted"));
            lease.close();
        }
    }

    @Test
    void theLockTableLivesNextToASchemaQualifiedHistoryTableWithAnyName() throws Exception {
        String name = "it's \"odd\"; DROP TABLE x";
        Configuration config = config("ops." + name, Duration.ofSeconds(30), Duration.ZERO);
        try (Connection c = connect()) {
            LeaseLock lease = LeaseLock.acquire(c, DialectFactory.of(c), config.table(), config, (h, w) -> { });
            assertThat(db.column("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'ops'"))
                    .containsExactly("ops." + name + "_lock");
            assertThat(db.scalar("SELECT count(*) FROM ops.\"it's \"\"odd\"\"; DROP TABLE x_lock\"")).isEqualTo("1");
            lease.close();
        } finally {
            db.execute("DROP SCHEMA IF EXISTS ops CASCADE");
        }
    }
}
