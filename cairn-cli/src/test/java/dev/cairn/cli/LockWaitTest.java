package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a waiting runner says (the configured timeout, who holds the lock in either mode, every three
 * seconds), and the lease table's name for history tables whose {@code _lock} name would not fit in
 * PostgreSQL's 63 bytes.
 */
class LockWaitTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"));
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void aLockTimeoutSaysTheConfiguredValue() throws Exception {
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            // The advisory lock of public.cairn_history, held from outside like another runner.
            s.execute("SELECT pg_advisory_lock(('x' || left(encode(sha256(convert_to('cairn:' || current_database()"
                    + " || '/public.cairn_history', 'UTF8')), 'hex'), 16))::bit(64)::bigint)");
            Cli.Result r = cli().run("migrate", "--lock-timeout", "2s");
            assertThat(r.exit()).as(r.all()).isEqualTo(5);
            assertThat(r.err()).contains("did not finish within 2s").doesNotContain("within 1s");
        }
        assertThat(db.relations()).doesNotContain("one");
    }

    @Test
    void aRunnerWaitingOnALiveLeaseInTheOtherModeNamesItsHolderEveryThreeSeconds() throws Exception {
        assertThat(cli().run("migrate", "--lock-mode", "table").exit()).isZero();
        dir.dbmate("002_two.sql", "CREATE TABLE two (id int);", "DROP TABLE two;");
        db.execute("INSERT INTO cairn_history_lock VALUES (1, 'other', 'host-y', 7, 'cairn/0 host-y pid 7',"
                + " now(), now(), now() + interval '1 hour')");

        Cli.Result r = cli().run("migrate", "--lock-timeout", "7s");
        assertThat(r.exit()).as(r.all()).isEqualTo(5);
        List<String> waits = Arrays.stream(r.err().split("\n")).filter(l -> l.startsWith("waiting for the migration lock"))
                .toList();
        // At 3 s and 6 s; a slow machine may miss the second before the 7 s deadline.
        assertThat(waits).as(r.err()).hasSizeBetween(1, 2)
                .allSatisfy(l -> assertThat(l).contains("held by pid 7").doesNotContain("just ended"));
        assertThat(waits.get(0)).matches("waiting for the migration lock \\([34]s\\).*");
        assertThat(r.err()).contains("(lock mode table) held by pid 7 on host-y").contains("did not finish within 7s");
        assertThat(db.relations()).doesNotContain("two");
    }

    static String hash8(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 4);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h63", "g70", "é40", "x58", "y59"})
    void tableModeWorksWithHistoryNamesWhoseLockNameWouldPassSixtyThreeBytes(String spec) throws Exception {
        String unit = spec.substring(0, 1);
        String name = unit.repeat(Integer.parseInt(spec.substring(1)));
        // PostgreSQL keeps 63 bytes of a name; Cairn names the history table as the server does.
        String history = name;
        while (history.getBytes(StandardCharsets.UTF_8).length > 63) {
            history = history.substring(0, history.length() - 1);
        }
        String lock = history + "_lock";
        if (lock.getBytes(StandardCharsets.UTF_8).length > 63) {
            String prefix = history;
            while (prefix.getBytes(StandardCharsets.UTF_8).length > 63 - 14) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            lock = prefix + "_" + hash8(history) + "_lock";
        }

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Cli.Result> run = pool.submit(() -> cli().run("migrate", "--lock-mode", "table", "--table", name,
                    "--lock-timeout", "20s"));
            Cli.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("applied 001_one.sql");
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'one'"
                + " ORDER BY tablename")).containsExactlyInAnyOrder(history, lock);
        assertThat(db.column("SELECT version FROM \"" + history + "\"")).containsExactly("001");
        assertThat(db.column("SELECT token FROM \"" + lock + "\"")).as("released").isEmpty();

        Cli.Result again = cli().run("rollback", "--lock-mode", "table", "--table", name, "--yes", "--lock-timeout", "5s");
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(db.relations()).doesNotContain("one");
    }
}
