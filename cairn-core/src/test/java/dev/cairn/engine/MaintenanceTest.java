package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Version;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** repair, baseline, seed and reset on a real PostgreSQL. */
class MaintenanceTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    MigrationDir seeds;

    @BeforeEach
    void setUp() throws Exception {
        db.execute("DROP SCHEMA IF EXISTS extra CASCADE", "DROP EXTENSION IF EXISTS pg_trgm");
        seeds = new MigrationDir(tmp.resolve("seeds"));
    }

    @Test
    void repairResolvesAPartlyFailedNonTransactionalMigrationSoItRunsAgain() throws Exception {
        dir.write("001_part.sql", "-- cairn:no-transaction\nCREATE TABLE p1 (id int);\nCREATE TABLE p1 (id int);\n");
        assertThatThrownBy(() -> cairn().migrate()).isInstanceOf(MigrationException.class);
        assertThatThrownBy(() -> cairn().migrate()).hasMessageContaining("run 'repair'");

        db.execute("DROP TABLE p1");
        dir.write("001_part.sql", "-- cairn:no-transaction\nCREATE TABLE p1 (id int);\n");
        Repair.Result r = cairn().repair(changes -> {
            assertThat(changes).extracting(Repair.Change::kind).containsExactly(Repair.Change.Kind.RESOLVE_FAILED);
            return true;
        });
        assertThat(r.changes()).hasSize(1);
        assertThat(db.scalar("SELECT repaired_by IS NOT NULL AND repaired_at IS NOT NULL FROM cairn_history"))
                .isEqualTo("t");
        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("001");
    }

    @Test
    void repairRealignsTheChecksumOfAnEditedFileAfterAsking() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cairn().migrate();
        dir.dbmate("001_a.sql", "-- reformatted\nCREATE TABLE a (id int);", "DROP TABLE a;");
        assertThat(cairn().validate().valid()).isFalse();

        String before = Snapshot.full(db);
        assertThatThrownBy(() -> cairn().repair(changes -> false))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(6));
        assertThat(Snapshot.full(db)).isEqualTo(before);

        Repair.Result r = cairn().repair(changes -> true);
        assertThat(r.changes()).extracting(Repair.Change::kind).containsExactly(Repair.Change.Kind.REALIGN_CHECKSUM);
        assertThat(cairn().validate().valid()).isTrue();
        assertThat(cairn().repair(changes -> true).changes()).isEmpty();
    }

    @Test
    void baselineAdoptsAHandBuiltDatabaseAndMigrateAppliesTheRest() throws Exception {
        db.execute("CREATE TABLE users (id int PRIMARY KEY)", "CREATE TABLE orders (id int)");
        dir.dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;")
                .dbmate("003_invoices.sql", "CREATE TABLE invoices (id int);", "DROP TABLE invoices;");

        Baseline.Result b = cairn().baseline(Version.parse("002"));
        assertThat(b.versions()).containsExactly("001", "002");
        assertThat(db.column("SELECT kind FROM cairn_history ORDER BY id")).containsExactly("baseline", "baseline");

        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("003");
        assertThat(cairn().status().summary().applied()).isEqualTo(3);

        assertThatThrownBy(() -> cairn().baseline(Version.parse("003")))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("already records applied migrations");
        assertThatThrownBy(() -> cairn().baseline(Version.parse("0")))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void seedsRunInOrderOnceAndAgainOnlyWhenChanged() throws Exception {
        dir.write("001_users.sql", "CREATE TABLE users (email text PRIMARY KEY, role text);\n");
        cairn().migrate();
        seeds.write("001_admin.sql", "INSERT INTO users VALUES ('admin@example.com', 'admin');\n")
                .write("002_staff.sql", "INSERT INTO users VALUES ('staff@example.com', 'staff');\n")
                .write("staging/001_demo.sql", "INSERT INTO users VALUES ('demo@example.com', 'viewer');\n")
                .write("production/001_ops.sql", "INSERT INTO users VALUES ('ops@example.com', 'admin');\n");

        Seed.Result first = cairn().seed(new Seed.Options(seeds.path(), "staging", false));
        assertThat(first.applied()).containsExactly("001_admin.sql", "002_staff.sql", "staging/001_demo.sql");
        Seed.Result second = cairn().seed(new Seed.Options(seeds.path(), "staging", false));
        assertThat(second.applied()).isEmpty();
        assertThat(second.unchanged()).hasSize(3);
        assertThat(db.scalar("SELECT count(*) FROM users")).isEqualTo("3");

        seeds.write("002_staff.sql", "INSERT INTO users VALUES ('staff2@example.com', 'staff');\n");
        assertThat(cairn().seed(new Seed.Options(seeds.path(), "staging", false)).applied())
                .containsExactly("002_staff.sql");
        assertThat(db.scalar("SELECT count(*) FROM cairn_seed_history")).isEqualTo("3");
    }

    @Test
    void failingSeedIsRolledBackAndNamesItsLine() throws Exception {
        dir.write("001_users.sql", "CREATE TABLE users (email text PRIMARY KEY);\n");
        cairn().migrate();
        seeds.write("001_bad.sql", "INSERT INTO users VALUES ('a@example.com');\nINSERT INTO users VALUES ('a@example.com');\n");
        assertThatThrownBy(() -> cairn().seed(new Seed.Options(seeds.path(), "", false)))
                .hasMessageContaining("seed 001_bad.sql failed at").hasMessageContaining("001_bad.sql:2")
                .hasMessageContaining("SQLSTATE 23505");
        assertThat(db.scalar("SELECT count(*) FROM users")).isEqualTo("0");
    }

    @Test
    void resetDropsEverythingButExtensionObjectsAndMigratesAgainToTheSameSchema() throws Exception {
        db.execute("CREATE EXTENSION pg_trgm");
        dir.dbmate("001_schema.sql", """
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
                CREATE TABLE people (id serial PRIMARY KEY, mail email, feeling mood);
                CREATE SEQUENCE tickets;
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER people_touch BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION touch();
                CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE VIEW happy AS SELECT * FROM people WHERE feeling = 'happy';
                CREATE MATERIALIZED VIEW counts AS SELECT count(*) FROM people;
                CREATE INDEX people_mail_trgm ON people USING gin (mail gin_trgm_ops);""", "SELECT 1;");
        cairn().migrate();
        String first = Snapshot.schema(db);

        Reset.Result r = cairn().reset(List.of(), plan -> {
            assertThat(plan.schemas()).containsExactly("public");
            return true;
        });
        assertThat(r.dropped()).isNotEmpty();
        assertThat(db.relations()).isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).isEqualTo("1");
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname = 'similarity'")).isNotEqualTo("0");

        cairn().migrate();
        assertThat(Snapshot.schema(db)).isEqualTo(first);
    }

    @Test
    void unconfirmedResetChangesNothing() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);", "DROP TABLE a;");
        cairn().migrate();
        String before = Snapshot.full(db);
        assertThatThrownBy(() -> cairn().reset(List.of(), plan -> false))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(6));
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void statusReportsDatabaseSizeAndLargestTables() throws Exception {
        dir.write("001_big.sql", "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 5000) g;\n"
                + "CREATE TABLE small (id int);\n");
        cairn().migrate();
        StatusResult s = cairn().status();
        assertThat(s.stats().sizeBytes()).isPositive();
        assertThat(s.stats().tables()).isEqualTo(3);
        assertThat(s.stats().largest().get(0).table()).isEqualTo("public.big");
        assertThat(s.stats().largest().get(0).bytes()).isGreaterThan(1_000_000L);
    }

    @Test
    void statusEstimatesTheDatabaseSizeFromTheCatalogAndMeasuresItOnlyWhenAsked() throws Exception {
        dir.write("001_big.sql", "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 5000) g;\n"
                + "CREATE INDEX big_id ON big (id);\n");
        cairn().migrate();
        StatusResult exact = cairn().status(Status.Sizes.EXACT);
        long onDisk = Long.parseLong(db.scalar("SELECT pg_database_size(current_database())"));
        assertThat(exact.stats().exact()).isTrue();
        assertThat(exact.stats().sizeBytes()).isEqualTo(onDisk);

        StatusResult estimated = cairn().status();
        assertThat(estimated.stats().exact()).isFalse();
        // The page counts leave out the free-space and visibility maps; the largest tables are measured.
        assertThat(estimated.stats().sizeBytes()).isBetween(onDisk / 2, onDisk + onDisk / 10);
        assertThat(estimated.stats().largest().get(0).table()).isEqualTo("public.big");
        assertThat(estimated.stats().largest().get(0).bytes())
                .isEqualTo(Long.parseLong(db.scalar("SELECT pg_total_relation_size('big')")));
    }

    @Test
    void resetInTableLockModeKeepsTheLockTableItHoldsItsLeaseIn() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        Cairn table = Cairn.configure().url(db.url()).locations(dir.path())
                .lockMode(dev.cairn.config.LockMode.TABLE).load();
        table.migrate();
        Reset.Result r = table.reset(List.of(), plan -> true);
        assertThat(r.dropped()).noneMatch(d -> d.contains("cairn_history_lock"));
        assertThat(db.relations()).containsExactly("cairn_history_lock");
        assertThat(table.migrate().applied()).hasSize(1);
    }

    @Test
    void resetChecksTheMigrationFilesBeforeDroppingAnything() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cairn().migrate();
        dir.write("002_broken.sql", "CREATE FUNCTION f() RETURNS int AS $x$ SELECT 1;\n");
        String before = Snapshot.full(db);
        assertThatThrownBy(() -> cairn().reset(List.of(), plan -> true))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2));
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThatThrownBy(() -> Cairn.configure().url(db.url()).locations(tmp.resolve("typo")).load()
                .reset(List.of(), plan -> true)).hasMessageContaining("does not exist");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }
}
