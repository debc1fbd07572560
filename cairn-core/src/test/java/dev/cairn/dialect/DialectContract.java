package dev.cairn.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.error.CairnException;
import dev.cairn.history.History;
import dev.cairn.history.HistoryRow;
import dev.cairn.history.NewRow;
import dev.cairn.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every dialect must do, against its real server: keep two runners apart with its lock, write
 * and read the history table, say whether DDL is transactional and which statements cannot run in a
 * transaction (and be right about it), put a session back after a script changed it, read the
 * catalog, and name the session a statement waits behind. A dialect's test extends this class and
 * answers the few questions below about its server; cairn-core's pom runs the subclasses on every
 * supported major version (README, "Supported PostgreSQL versions").
 */
public abstract class DialectContract {

    /** A new connection to a database of the test class's own, emptied before each test (autocommit on). */
    protected abstract Connection connect() throws SQLException;

    /** Empties the class's database. */
    protected abstract void emptyDatabase() throws SQLException;

    /** Whether a rolled-back transaction takes its CREATE TABLE with it. */
    protected abstract boolean transactionalDdl();

    /** Statements on {@code table} (which exists, with an int column {@code id}) that the server refuses in a transaction. */
    protected abstract List<String> nonTransactionalStatements(String table);

    /** Statements a script may run to change its session: its schema search, its lock wait. */
    protected abstract List<String> sessionChanges();

    /** The session settings the dialect puts back, as the server reports them now. */
    protected abstract Map<String, String> sessionSettings(Connection c) throws SQLException;

    /** The statement that holds {@code table} against every other session until the transaction ends. */
    protected abstract String lockExclusively(String table);

    /**
     * The capabilities the dialect offers ({@link Backups}, {@link Leases}, {@link Sessions},
     * {@link Catalog}, {@link Copy}): each must be there, and the tests of those it lacks are skipped.
     */
    protected abstract java.util.Set<Class<?>> capabilities();

    protected Dialect dialect;

    @BeforeEach
    void emptyAndFindTheDialect() throws SQLException {
        emptyDatabase();
        try (Connection c = connect()) {
            dialect = DialectFactory.of(c);
        }
    }

    protected static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static final LockWatcher QUIET = (holder, waited) -> { };

    @Test
    void theMigrationLockKeepsASecondRunnerOutUntilTheFirstLetsGo() throws Exception {
        TableName table = TableName.parse("cairn_history");
        try (Connection first = connect(); Connection second = connect()) {
            dialect.prepareSession(first);
            dialect.prepareSession(second);
            MigrationLock held = dialect.lock(first, table, new LockWait(Duration.ofSeconds(5), QUIET));

            assertThatThrownBy(() -> dialect.lock(second, table, new LockWait(Duration.ofMillis(600), QUIET)))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.LOCK_TIMEOUT));
            assertThat(dialect.lock(second, TableName.parse("other_history"),
                    new LockWait(Duration.ofMillis(600), QUIET))).as("another table's lock is another lock").isNotNull()
                    .satisfies(MigrationLock::close);

            held.close();
            MigrationLock taken = dialect.lock(second, table, new LockWait(Duration.ofSeconds(5), QUIET));
            taken.close();
        }
    }

    @Test
    void theHistoryTableRoundTripsARow() throws Exception {
        History history = new History(dialect, TableName.parse("contract_history"));
        try (Connection c = connect()) {
            assertThat(history.exists(c)).isFalse();
            history.create(c);
            assertThat(history.exists(c)).isTrue();
            NewRow row = new NewRow("001", "create things", "001_create_things.sql", "versioned", "abc123",
                    "CREATE TABLE things (id int);", Optional.of("DROP TABLE things;"), 1,
                    HistoryRow.Status.FAILED, true, 12, "started");
            long id = history.insert(c, row);
            history.complete(c, id, HistoryRow.Status.SUCCESS, 34, "");

            List<HistoryRow> rows = history.rows(c);
            assertThat(rows).hasSize(1);
            HistoryRow read = rows.get(0);
            assertThat(read.id()).isEqualTo(id);
            assertThat(List.of(read.version(), read.description(), read.script(), read.kind(), read.checksum()))
                    .containsExactly("001", "create things", "001_create_things.sql", "versioned", "abc123");
            assertThat(read.down()).contains("DROP TABLE things;");
            assertThat(read.batch()).isEqualTo(1);
            assertThat(read.status()).isEqualTo(HistoryRow.Status.SUCCESS);
            assertThat(read.transactional()).isTrue();
            assertThat(read.executionMs()).isEqualTo(34);
            assertThat(read.appliedBy()).isNotBlank();
            assertThat(read.rolledBackAt()).isEmpty();
            assertThat(history.appliedScripts(c)).extracting(History.AppliedScript::upSql)
                    .containsExactly("CREATE TABLE things (id int);");
        }
    }

    @Test
    void transactionalDdlIsAsTheDialectSays() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE rolled (id int)");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(dialect.tableExists(c, TableName.parse("rolled"))).isEqualTo(!transactionalDdl());
        }
    }

    @Test
    void whatCannotRunInATransactionIsDetectedAndReallyCannot() throws Exception {
        try (Connection c = connect()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            execute(c, "CREATE TABLE nt (id int)");
            assertThat(reason("CREATE TABLE plain (id int)", major)).isEmpty();
            for (String sql : nonTransactionalStatements("nt")) {
                assertThat(reason(sql, major)).as(sql).isNotEmpty();
                c.setAutoCommit(false);
                assertThatThrownBy(() -> execute(c, sql)).as(sql).isInstanceOf(SQLException.class);
                c.rollback();
                c.setAutoCommit(true);
                execute(c, sql);
            }
        }
    }

    /** The dialect's reason for running {@code sql} without a transaction on a server of {@code major}. */
    protected String reason(String sql, int major) {
        return dialect.nonTransactionalReason(SqlSplitter.split(new dev.cairn.sql.SqlSource("contract.sql", sql, 1)).get(0), major);
    }

    @Test
    void aSessionIsPutBackAfterAScriptChangedIt() throws Exception {
        Configuration.SessionTimeouts timeouts = new Configuration.SessionTimeouts(Optional.of(Duration.ofSeconds(7)),
                Optional.empty());
        try (Connection c = connect()) {
            Map<String, String> handedOver = sessionSettings(c);
            Dialect.OpenedSession session = dialect.openSession(c, TableName.parse("contract_history"),
                    SessionSettings.of(timeouts));
            assertThat(session.historyExists()).isFalse();
            assertThat(session.currentSchema()).isNotBlank();
            assertThat(session.database()).isNotBlank();
            Map<String, String> cairns = sessionSettings(c);
            assertThat(cairns).as("Cairn's lock timeout is set").isNotEqualTo(handedOver);

            execute(c, sessionChanges().toArray(String[]::new));
            assertThat(sessionSettings(c)).isNotEqualTo(cairns);

            dialect.resetSession(c, session.handedOver(), SessionSettings.of(timeouts));
            assertThat(sessionSettings(c)).isEqualTo(cairns);

            dialect.restoreSession(c, session.handedOver());
            assertThat(sessionSettings(c)).isEqualTo(handedOver);
        }
    }

    /**
     * A run inside one schema (a fan-out over schemas): the schema is one of Cairn's own settings, so
     * unqualified names resolve there from the start and again after a script moved the session
     * elsewhere, and the session goes back with the search as it was handed over. The test's
     * {@link #emptyDatabase} drops the schema {@code contract_tenant}.
     */
    @Test
    void aRunInOneSchemaResolvesNamesThereAndGivesTheSessionBackAsHandedOver() throws Exception {
        SessionSettings own = new SessionSettings(Optional.of("contract_tenant"), Configuration.SessionTimeouts.none());
        TableName landed = new TableName(Optional.of("contract_tenant"), "landed");
        try (Connection c = connect()) {
            execute(c, "CREATE SCHEMA contract_tenant");
            Map<String, String> handedOver = sessionSettings(c);
            Dialect.OpenedSession session = dialect.openSession(c,
                    new TableName(Optional.of("contract_tenant"), "contract_history"), own);
            assertThat(session.currentSchema()).isEqualTo("contract_tenant");

            execute(c, sessionChanges().toArray(String[]::new));
            dialect.resetSession(c, session.handedOver(), own);
            execute(c, "CREATE TABLE landed (id int)");
            assertThat(dialect.tableExists(c, landed)).isTrue();

            dialect.restoreSession(c, session.handedOver());
            assertThat(sessionSettings(c)).isEqualTo(handedOver);
        }
    }

    @Test
    void theCapabilitiesItClaimsAreOfferedAndTheOthersRefusedWithAUsageError() {
        for (Class<?> type : List.of(Backups.class, Leases.class, Sessions.class, Catalog.class, Copy.class)) {
            if (capabilities().contains(type)) {
                assertThat(dialect.capability(type)).as(type.getSimpleName()).isPresent();
            } else {
                assertThat(dialect.capability(type)).as(type.getSimpleName()).isEmpty();
                assertThatThrownBy(() -> dialect.require(type, "this test"))
                        .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
            }
        }
    }

    @Test
    void theCatalogIsRead() throws Exception {
        assumeTrue(capabilities().contains(Catalog.class), "the dialect reads no catalog");
        Catalog catalog = dialect.require(Catalog.class, "the contract");
        try (Connection c = connect()) {
            execute(c, "CREATE TABLE catalogued (id int NOT NULL, name varchar(40))");
            assertThat(dialect.tableExists(c, TableName.parse("catalogued"))).isTrue();
            assertThat(dialect.tableExists(c, TableName.parse("absent"))).isFalse();
            String schema = catalog.currentSchema(c);
            assertThat(dialect.tableExists(c, new TableName(Optional.of(schema), "catalogued"))).isTrue();

            var model = catalog.schema(c, java.util.Set.of());
            var table = model.tables().stream().filter(t -> t.name().equals("catalogued")).findFirst().orElseThrow();
            assertThat(table.schema()).isEqualTo(schema);
            assertThat(table.columns()).extracting(col -> col.name() + " " + col.notNull())
                    .containsExactly("id true", "name false");
            assertThat(catalog.stats(c).tables()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aStatementWaitingForALockGivesUpAtTheLockTimeoutAndItsBlockerIsNamed() throws Exception {
        assumeTrue(capabilities().contains(Sessions.class), "the dialect names no blocking sessions");
        Sessions sessions = dialect.require(Sessions.class, "the contract");
        try (Connection holder = connect(); Connection working = connect(); Connection watcher = connect()) {
            execute(holder, "CREATE TABLE busy (id int)");
            holder.setAutoCommit(false);
            execute(holder, lockExclusively("busy"));
            int holderPid = sessions.sessionId(holder).orElseThrow();
            dialect.openSession(working, TableName.parse("contract_history"), SessionSettings.of(
                    new Configuration.SessionTimeouts(Optional.of(Duration.ofSeconds(3)), Optional.empty())));
            int workingPid = sessions.sessionId(working).orElseThrow();

            CompletableFuture<List<Blocker>> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        List<Blocker> b = sessions.blockers(watcher, workingPid);
                        if (!b.isEmpty()) {
                            return b;
                        }
                        Thread.sleep(20);
                    }
                    return List.of();
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> execute(working, "ALTER TABLE busy ADD COLUMN x int"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(dialect.lockNotAvailable(e)).isTrue());

            assertThat(seen.get(10, TimeUnit.SECONDS)).extracting(Blocker::pid).containsExactly(holderPid);
            assertThat(sessions.blockers(watcher, workingPid)).as("no longer waiting").isEmpty();
            holder.rollback();
        }
    }
}
