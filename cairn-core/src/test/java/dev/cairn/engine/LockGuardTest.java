package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.dialect.Blocker;
import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lock-wait guard: a migration whose statement waits for a lock another session holds gives up
 * after lock_timeout (5s by default), is rolled back, reported with the session it waited behind, and
 * run again with back-off. Each test holds a real lock on the table in a second session.
 */
class LockGuardTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private Connection holder;
    private int holderPid;

    @BeforeEach
    void tableHeldBySecondSession() throws Exception {
        db.execute("CREATE TABLE t (id int)");
        holder = db.connect();
        try (Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'holder-app'");
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        }
        holderPid = Integer.parseInt(db.scalar("SELECT pid::text FROM pg_stat_activity WHERE application_name = ?",
                "holder-app"));
    }

    @AfterEach
    void letGo() throws SQLException {
        holder.close();
    }

    private Cairn.Builder configured() {
        return Cairn.configure().url(db.url()).locations(dir.path()).listener(events::add);
    }

    private List<Event.LockRetrying> retries() {
        return events.stream().filter(Event.LockRetrying.class::isInstance).map(Event.LockRetrying.class::cast).toList();
    }

    /** Lets go of the table when the first retry is told. */
    private Cairn.Builder releasingOnFirstRetry() {
        return configured().listener(e -> {
            events.add(e);
            if (e instanceof Event.LockRetrying) {
                try {
                    holder.rollback();
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
    }

    @Test
    void aMigrationWaitingForALockIsRetriedAndAppliedWhenTheHolderLetsGo() throws Exception {
        dir.dbmate("001_add.sql", "ALTER TABLE t ADD COLUMN x int;", "ALTER TABLE t DROP COLUMN x;");

        MigrateResult r = releasingOnFirstRetry().sqlLockTimeout(Duration.ofMillis(400)).load().migrate();

        assertThat(r.applied()).extracting(Applied::version).containsExactly("001");
        assertThat(retries()).hasSize(1);
        Event.LockRetrying retry = retries().get(0);
        assertThat(retry.version()).isEqualTo("001");
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.retries()).isEqualTo(3);
        assertThat(retry.lockTimeout()).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.backOff()).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.blockers()).extracting(Blocker::pid, Blocker::applicationName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(holderPid, "holder-app"));
        assertThat(retry.blockers().get(0).query()).contains("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        assertThat(events.stream().filter(Event.MigrationStarting.class::isInstance)).as("told once").hasSize(1);
        assertThat(db.column("SELECT column_name::text FROM information_schema.columns WHERE table_name = 't'"
                + " ORDER BY ordinal_position")).containsExactly("id", "x");
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .as("the attempts that gave up leave no row").containsExactly("001 SUCCESS");
    }

    @Test
    void aMigrationStillBlockedAfterItsRetriesFailsNamingTheBlockerWithNothingApplied() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_add.sql", "CREATE TABLE b (id int);\nALTER TABLE t ADD COLUMN x int;", "");

        assertThatThrownBy(() -> configured().sqlLockTimeout(Duration.ofMillis(200)).lockRetries(2).load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration 002 failed at")
                .hasMessageContaining("SQLSTATE 55P03")
                .hasMessageContaining("waited for a lock held by pid " + holderPid
                        + " (holder-app): LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
                .hasMessageContaining("tried 3 times, waiting up to lock_timeout 200ms each time")
                .hasMessageContaining("rolled back: nothing of 002 was applied; the 1 migration before it in this run"
                        + " stays applied");

        assertThat(retries()).extracting(Event.LockRetrying::attempt).containsExactly(1, 2);
        assertThat(retries()).extracting(Event.LockRetrying::backOff)
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(db.relations()).containsExactly("a", "cairn_history", "t");
        assertThat(db.column("SELECT column_name::text FROM information_schema.columns WHERE table_name = 't'"))
                .containsExactly("id");
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS", "002 FAILED");
    }

    @Test
    void noRetriesWithLockRetriesZero() throws Exception {
        dir.dbmate("001_add.sql", "ALTER TABLE t ADD COLUMN x int;", "");

        assertThatThrownBy(() -> configured().sqlLockTimeout(Duration.ofMillis(200)).lockRetries(0).load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("waited for a lock held by pid " + holderPid)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tried"));
        assertThat(retries()).isEmpty();
    }

    @Test
    void aMigrationWithoutATransactionIsNotRetriedAndSaysSo() throws Exception {
        dir.write("001_idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");

        assertThatThrownBy(() -> configured().sqlLockTimeout(Duration.ofMillis(800)).load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("SQLSTATE 55P03")
                .hasMessageContaining("waited for a lock held by pid " + holderPid + " (holder-app)")
                .hasMessageContaining("not retried: it runs without a transaction");
        assertThat(retries()).isEmpty();
        assertThat(db.scalar("SELECT status FROM cairn_history WHERE version = '001'")).isEqualTo("FAILED");
    }

    @Test
    void singleTransactionRunsTheWholeSetAgain() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_add.sql", "ALTER TABLE t ADD COLUMN x int;", "");

        MigrateResult r = releasingOnFirstRetry().sqlLockTimeout(Duration.ofMillis(300)).load()
                .migrate(new MigrateOptions(Optional.empty(), false, true));

        assertThat(r.applied()).extracting(Applied::version).containsExactly("001", "002");
        assertThat(retries()).extracting(Event.LockRetrying::version).containsExactly("002");
        assertThat(events.stream().filter(Event.MigrationStarting.class::isInstance)).as("each told once").hasSize(2);
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS", "002 SUCCESS");
    }

    @Test
    void offWaitsForTheHolder() throws Exception {
        dir.dbmate("001_add.sql", "ALTER TABLE t ADD COLUMN x int;\n"
                + "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock_timeout;", "");
        long[] released = new long[1];
        Thread letGo = new Thread(() -> {
            try {
                Thread.sleep(1500);
                released[0] = System.nanoTime();
                holder.rollback();
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        letGo.start();

        MigrateResult r = configured().sqlLockTimeout(Duration.ZERO).load().migrate();
        long done = System.nanoTime();
        letGo.join();

        assertThat(r.applied()).extracting(Applied::version).containsExactly("001");
        assertThat(done).as("applied after the holder let go").isGreaterThan(released[0]);
        assertThat(retries()).isEmpty();
        assertThat(db.scalar("SELECT lock_timeout FROM seen")).isEqualTo("0");
    }

    @Test
    void theDefaultLockTimeoutIsFiveSeconds() throws Exception {
        holder.rollback();
        dir.dbmate("001_seen.sql", "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock_timeout;", "");

        cairn().migrate();

        assertThat(db.scalar("SELECT lock_timeout FROM seen")).isEqualTo("5s");
        assertThat(cairn().configuration().lockRetries()).isEqualTo(3);
    }
}
