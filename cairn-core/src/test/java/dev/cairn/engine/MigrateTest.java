package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Version;
import dev.cairn.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrateTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    final List<Event> events = new ArrayList<>();

    @Override
    Cairn cairn() {
        return Cairn.configure().url(db.url()).locations(dir.path()).listener(events::add).load();
    }

    void threeMigrations() {
        dir.dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);",
                        "DROP TABLE orders;")
                .dbmate("003_touch.sql", """
                        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            RETURN NEW;
                        END;
                        $$;
                        CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();""",
                        "DROP TRIGGER users_touch ON users;\nDROP FUNCTION touch();");
    }

    @Test
    void appliesPendingMigrationsInOrderWithHistoryRowsAndOneBatch() throws Exception {
        threeMigrations();
        MigrateResult r = cairn().migrate();

        assertThat(r.applied()).extracting(Applied::version).containsExactly("001", "002", "003");
        assertThat(r.batch()).isEqualTo(1);
        assertThat(db.relations()).contains("users", "orders", "cairn_history");
        assertThat(db.column("SELECT version || ':' || status || ':' || batch FROM cairn_history ORDER BY id"))
                .containsExactly("001:SUCCESS:1", "002:SUCCESS:1", "003:SUCCESS:1");
        assertThat(db.scalar("SELECT down_sql FROM cairn_history WHERE version = '002'")).contains("DROP TABLE orders;");
        assertThat(events).first().isInstanceOf(Event.HistoryCreated.class);
    }

    @Test
    void nothingPendingIsAResultNotAnError() {
        threeMigrations();
        cairn().migrate();
        MigrateResult again = cairn().migrate();
        assertThat(again.upToDate()).isTrue();
        assertThat(again.batch()).isZero();
    }

    @Test
    void eachRunThatAppliesSomethingGetsTheNextBatch() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cairn().migrate();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        assertThat(cairn().migrate().batch()).isEqualTo(2);
        assertThat(db.scalar("SELECT batch FROM cairn_history WHERE version = '002'")).isEqualTo("2");
    }

    @Test
    void targetStopsAtTheGivenVersion() throws Exception {
        threeMigrations();
        cairn().migrate(new MigrateOptions(Optional.of(Reference.of(Version.parse("2"))), false));
        assertThat(db.column("SELECT version FROM cairn_history ORDER BY id")).containsExactly("001", "002");
    }

    @Test
    void failingStatementInTheMiddleLeavesNoSchemaChangeAndRecordsFailedRow() throws Exception {
        dir.dbmate("001_ok.sql", "CREATE TABLE ok (id int);", "DROP TABLE ok;")
                .write("002_broken.sql", "-- migrate:up\nCREATE TABLE first (id int);\n\nINSERT INTO missing_table VALUES (1);\n"
                        + "CREATE TABLE third (id int);\n-- migrate:down\nDROP TABLE first;\n");

        assertThatThrownBy(() -> cairn().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration 002 failed at " + dir.path().resolve("002_broken.sql") + ":4:13")
                .hasMessageContaining("SQLSTATE 42P01")
                .hasMessageContaining("relation \"missing_table\" does not exist")
                .hasMessageContaining("rolled back: nothing of 002 was applied")
                .hasMessageContaining("the 1 migration before it in this run stays applied")
                .hasMessageContaining("fix the file and run 'migrate' again")
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(1));

        assertThat(db.relations()).contains("ok").doesNotContain("first", "third");
        assertThat(db.column("SELECT status FROM cairn_history WHERE version = '002'")).containsExactly("FAILED");
        assertThat(db.scalar("SELECT error FROM cairn_history WHERE version = '002'"))
                .contains("002_broken.sql:4:13").contains("42P01");

        dir.write("002_broken.sql", "-- migrate:up\nCREATE TABLE first (id int);\n-- migrate:down\nDROP TABLE first;\n");
        MigrateResult fixed = cairn().migrate();
        assertThat(fixed.applied()).extracting(Applied::version).containsExactly("002");
        assertThat(db.relations()).contains("first");
    }

    @Test
    void syntaxProblemInALaterFileStopsTheRunBeforeAnythingRuns() throws Exception {
        dir.dbmate("001_ok.sql", "CREATE TABLE ok (id int);", "DROP TABLE ok;")
                .write("002_open.sql", "-- migrate:up\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\n");
        assertThatThrownBy(() -> cairn().migrate())
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("002_open.sql:2");
        assertThat(db.relations()).as("nothing touched, not even the history table").isEmpty();
    }

    @Test
    void pendingVersionBelowTheNewestAppliedIsRefusedUnlessOutOfOrder() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");

        assertThatThrownBy(() -> cairn().migrate())
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("pending migration 002 (002_b.sql) is below the newest applied version 003")
                .hasMessageContaining("run with out-of-order to apply it anyway");
        assertThat(db.relations()).doesNotContain("b");

        cairn().migrate(new MigrateOptions(Optional.empty(), true));
        assertThat(db.relations()).contains("b");
    }

    @Test
    void configuredOutOfOrderIsHonouredByPlainMigrateAndValidateAgrees() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");

        // Not allowed: validate and migrate both refuse.
        assertThat(cairn().validate().valid()).isFalse();
        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("pending migration 002 (002_b.sql) is below the newest applied version 003");
        assertThatThrownBy(() -> cairn().dryRun(MigrateOptions.defaults()))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4));

        // Allowed by the configuration alone: validate passes and plain migrate() applies it.
        Cairn allowing = Cairn.configure().url(db.url()).locations(dir.path()).outOfOrder(true).load();
        assertThat(allowing.validate().valid()).isTrue();
        assertThat(allowing.dryRun(MigrateOptions.defaults()).migrations())
                .extracting(DryRun.Planned::version).containsExactly("002");
        assertThat(allowing.migrate().applied()).extracting(a -> a.version()).containsExactly("002");
        assertThat(db.relations()).contains("b");
        assertThat(cairn().validate().valid()).isTrue();
    }

    @Test
    void modifiedAppliedFileIsRefused() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cairn().migrate();
        dir.dbmate("001_a.sql", "CREATE TABLE a (id bigint);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("applied migration 001")
                .hasMessageContaining("has changed since it was applied");
        assertThat(db.relations()).doesNotContain("b");
    }

    @Test
    void outerBeginCommitPairRunsInsideCairnsTransaction() throws Exception {
        dir.write("001_wrapped.sql", "BEGIN;\nCREATE TABLE w (id int);\nINSERT INTO w VALUES (1);\nCOMMIT;\n");
        MigrateResult r = cairn().migrate();
        assertThat(r.applied().get(0).transactional()).isTrue();
        assertThat(r.applied().get(0).statements()).isEqualTo(2);

        dir.write("002_wrapped_fails.sql", "BEGIN;\nCREATE TABLE x (id int);\nSELECT 1/0;\nCOMMIT;\n");
        assertThatThrownBy(() -> cairn().migrate()).hasMessageContaining("SQLSTATE 22012");
        assertThat(db.relations()).doesNotContain("x");
    }

    @Test
    void concurrentIndexRunsWithoutATransactionAndSaysSo() throws Exception {
        dir.dbmate("001_t.sql", "CREATE TABLE t (id int);", "DROP TABLE t;")
                .write("002_idx.sql", "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n");
        MigrateResult r = cairn().migrate();
        Applied idx = r.applied().get(1);
        assertThat(idx.transactional()).isFalse();
        assertThat(idx.noTransactionReason()).contains("CREATE INDEX CONCURRENTLY").contains("002_idx.sql:1");
        assertThat(db.scalar("SELECT transactional FROM cairn_history WHERE version = '002'")).isEqualTo("f");
    }

    @Test
    void nonTransactionalFailureIsRecordedAndBlocksFurtherMigrates() throws Exception {
        dir.dbmate("001_t.sql", "CREATE TABLE t (id int);", "DROP TABLE t;")
                .write("002_part.sql", "-- migrate:up transaction:false\nCREATE TABLE p1 (id int);\nCREATE TABLE t (id int);\n");
        assertThatThrownBy(() -> cairn().migrate())
                .hasMessageContaining("1 of 2 statements completed")
                .hasMessageContaining("run 'repair'");
        assertThat(db.relations()).contains("p1");
        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("failed part way without a transaction")
                .hasMessageContaining("run 'repair'");
    }

    @Test
    void dryRunListsStatementsWithLinesAndTouchesNothing() throws Exception {
        threeMigrations();
        DryRun d = cairn().dryRun(MigrateOptions.defaults());
        assertThat(d.migrations()).extracting(DryRun.Planned::version).containsExactly("001", "002", "003");
        assertThat(d.migrations().get(2).statements()).hasSize(2);
        assertThat(d.migrations().get(2).statements().get(0).line()).isEqualTo(2);
        assertThat(d.migrations().get(2).statements().get(1).line()).isEqualTo(7);
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void historyTableMayBeRenamedAndSchemaQualified() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        Cairn.configure().url(db.url()).locations(dir.path()).table("ops.migrations_log").load().migrate();
        assertThat(db.scalar("SELECT count(*) FROM ops.migrations_log")).isEqualTo("1");
    }

    @Test
    void fileErrorsStopBeforeTheDatabaseIsTouched() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("001_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("version 001 is used by more than one file");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void fileErrorsAreReportedBeforeAnUnreachableDatabase() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("001_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        // Port 1 refuses at once: the files are read while the connection is tried, but their problem comes first.
        Cairn unreachable = Cairn.configure().url("postgres://postgres@127.0.0.1:1/none").locations(dir.path()).load();
        for (var operation : List.<Runnable>of(unreachable::migrate, () -> unreachable.dryRun(MigrateOptions.defaults()),
                () -> unreachable.rollback(new RollbackRequest(new RollbackRequest.Selection.LastBatch(),
                        RollbackRequest.Confirmation.APPROVE)))) {
            assertThatThrownBy(operation::run)
                    .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                    .hasMessageContaining("version 001 is used by more than one file");
        }
        dir.delete("001_b.sql");
        assertThatThrownBy(unreachable::migrate)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(1))
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void procedureThatCommitsNamesTheConfigurationSettingThatFixesIt() throws Exception {
        db.execute("CREATE PROCEDURE batch_fix() LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE fixed (id int); COMMIT; END $$");
        dir.write("40_call.sql", "CALL batch_fix();\n");
        assertThatThrownBy(() -> cairn().migrate())
                .hasMessageContaining("SQLSTATE 2D000")
                .hasMessageContaining("[migrations.\"40\"] transaction = false");
        assertThat(db.relations()).doesNotContain("fixed");

        Cairn.configure().url(db.url()).locations(dir.path())
                .migration("40", new dev.cairn.config.MigrationSettings(Optional.of(false))).load().migrate();
        assertThat(db.relations()).contains("fixed");
    }

    @Test
    void statementTimeoutStopsALongStatementWithAHint() throws Exception {
        dir.write("001_slow.sql", "CREATE TABLE s (id int);\nSELECT pg_sleep(5);\n");
        assertThatThrownBy(() -> Cairn.configure().url(db.url()).locations(dir.path())
                .statementTimeout(java.time.Duration.ofMillis(300)).load().migrate())
                .hasMessageContaining("001_slow.sql:2")
                .hasMessageContaining("SQLSTATE 57014")
                .hasMessageContaining("statement_timeout");
        assertThat(db.relations()).doesNotContain("s");
    }

    @Test
    void worksWithTheApplicationsDataSource() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(db.databaseUrl().jdbcUrl());
        ds.setUser(db.databaseUrl().user().orElse("postgres"));
        MigrateResult r = Cairn.configure().dataSource(ds).locations(dir.path()).load().migrate();
        assertThat(r.applied()).hasSize(1);
        assertThat(db.relations()).contains("a");
    }

    /**
     * A run inside one schema (fan-out over schemas) on the application's data source: the schema is
     * one of Cairn's own session settings, so the migration lands in it and the connection goes back to
     * the pool with the search_path it was handed over with, not the tenant's.
     */
    @Test
    void aRunInOneSchemaGivesTheApplicationsConnectionBackWithItsOwnSearchPath() throws Exception {
        db.execute("CREATE SCHEMA tenant_a", "CREATE SCHEMA app");
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        try (java.sql.Connection pooled = db.connect()) {
            try (java.sql.Statement s = pooled.createStatement()) {
                s.execute("SET search_path = app, public");
            }
            MigrateResult r = Cairn.configure().dataSource(lending(pooled)).locations(dir.path()).schema("tenant_a")
                    .load().migrate();
            assertThat(r.applied()).hasSize(1);
            assertThat(db.column("SELECT table_schema FROM information_schema.tables WHERE table_name = 'a'"))
                    .containsExactly("tenant_a");
            assertThat(db.column("SELECT table_schema FROM information_schema.tables WHERE table_name = 'cairn_history'"))
                    .containsExactly("tenant_a");
            try (java.sql.Statement s = pooled.createStatement(); java.sql.ResultSet rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("app, public");
            }
        }
    }

    /**
     * A data source that lends {@code first} (as a pool would, closing only the loan) for Cairn's working
     * session, which it opens first, and fresh connections after it.
     */
    private static javax.sql.DataSource lending(java.sql.Connection first) {
        java.util.concurrent.atomic.AtomicBoolean lent = new java.util.concurrent.atomic.AtomicBoolean();
        org.postgresql.ds.PGSimpleDataSource fresh = new org.postgresql.ds.PGSimpleDataSource();
        fresh.setURL(db.databaseUrl().jdbcUrl());
        fresh.setUser(db.databaseUrl().user().orElse("postgres"));
        db.databaseUrl().password().ifPresent(fresh::setPassword);
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(MigrateTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (ds, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return invoke(method, fresh, args);
                    }
                    if (lent.getAndSet(true)) {
                        return fresh.getConnection();
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(MigrateTest.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (c, m, a) -> m.getName().equals("close") ? null
                                    : invoke(m, first, a));
                });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void whatAMigrationSetsInItsSessionDoesNotLeakIntoTheHistoryOrTheNextMigration() throws Exception {
        db.execute("CREATE SCHEMA other");
        dir.write("001_dump_header.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                        + "CREATE TABLE public.a (id int);\n")
                .write("002_search_path.sql", "-- cairn:no-transaction\nSET search_path = other;\nCREATE TABLE b (id int);\n")
                .write("003_plain.sql", "CREATE TABLE c (id int);\n");
        MigrateResult r = cairn().migrate();
        assertThat(r.applied()).hasSize(3);
        assertThat(db.relations()).contains("a", "c", "cairn_history");
        assertThat(db.column("SELECT table_schema FROM information_schema.tables WHERE table_name = 'b'"))
                .containsExactly("other");
        assertThat(db.column("SELECT status FROM public.cairn_history ORDER BY id"))
                .containsExactly("SUCCESS", "SUCCESS", "SUCCESS");
    }

    @Test
    void aMigrationThatSwitchesRoleIsRecordedAsTheUserCairnConnectedAs() throws Exception {
        String role = "cairn_test_limited_" + ProcessHandle.current().pid();
        db.execute("DROP ROLE IF EXISTS " + role);
        db.execute("CREATE ROLE " + role);
        try {
            dir.write("001_as_limited.sql", "SET ROLE " + role + ";\nSELECT 1;\n")
                    .write("002_next.sql", "CREATE TABLE after_role (who text DEFAULT current_user);\n"
                            + "INSERT INTO after_role DEFAULT VALUES;\n");
            String me = db.column("SELECT current_user").get(0);
            assertThat(cairn().migrate().applied()).hasSize(2);
            // The limited role may not write the history; the row is written after the role is put back.
            assertThat(db.column("SELECT applied_by FROM public.cairn_history ORDER BY id"))
                    .containsExactly(me, me);
            assertThat(db.column("SELECT who FROM after_role")).containsExactly(me);
        } finally {
            db.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void singleTransactionAppliesAllOrNothing() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .write("003_bad.sql", "SELECT 1/0;\n");
        MigrateOptions single = new MigrateOptions(Optional.empty(), false, true);
        assertThatThrownBy(() -> cairn().migrate(single))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("SQLSTATE 22012")
                .hasMessageContaining("the 2 migrations before it in this run were rolled back too");
        assertThat(db.relations()).doesNotContain("a", "b");
        assertThat(db.column("SELECT version || ':' || status FROM cairn_history")).containsExactly("003:FAILED");

        dir.write("003_bad.sql", "CREATE TABLE c (id int);\n")
                .write("004_idx.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);\n");
        assertThatThrownBy(() -> cairn().migrate(single))
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("004 (004_idx.sql) cannot run in a transaction");
        dir.delete("004_idx.sql");
        MigrateResult ok = cairn().migrate(single);
        assertThat(ok.applied()).extracting(Applied::version).containsExactly("001", "002", "003");
        assertThat(db.relations()).contains("a", "b");
    }
}
