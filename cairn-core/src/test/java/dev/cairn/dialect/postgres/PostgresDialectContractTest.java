package dev.cairn.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.dialect.DialectContract;
import dev.cairn.engine.Applied;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialect contract for PostgreSQL, plus its version-dependent branches, each checked on the side
 * the server is on: run by the default test run on PostgreSQL 15 (or the server of
 * CAIRN_TEST_DATABASE_URL) and by cairn-core's pom on the oldest and newest supported majors.
 */
class PostgresDialectContractTest extends DialectContract {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path tmp;

    @Override
    protected Connection connect() throws SQLException {
        return db.connect();
    }

    @Override
    protected void emptyDatabase() throws SQLException {
        db.reset();
        db.execute("DROP SCHEMA IF EXISTS elsewhere CASCADE", "DROP SCHEMA IF EXISTS contract_tenant CASCADE");
    }

    @Override
    protected boolean transactionalDdl() {
        return true;
    }

    @Override
    protected List<String> nonTransactionalStatements(String table) {
        return List.of("CREATE INDEX CONCURRENTLY " + table + "_id ON " + table + " (id)",
                "DROP INDEX CONCURRENTLY " + table + "_id", "VACUUM " + table);
    }

    @Override
    protected List<String> sessionChanges() {
        return List.of("CREATE SCHEMA elsewhere", "SET search_path = elsewhere", "SET lock_timeout = '42s'",
                "SET statement_timeout = '1h'");
    }

    @Override
    protected Map<String, String> sessionSettings(Connection c) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("search_path", "lock_timeout", "statement_timeout",
                "client_connection_check_interval", "idle_session_timeout")) {
            try (var ps = c.prepareStatement("SELECT current_setting(?, true)")) {
                ps.setString(1, name);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    m.put(name, String.valueOf(rs.getString(1)));
                }
            }
        }
        return m;
    }

    @Override
    protected String lockExclusively(String table) {
        return "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE";
    }

    @Override
    protected java.util.Set<Class<?>> capabilities() {
        return java.util.Set.of(dev.cairn.dialect.Backups.class, dev.cairn.dialect.Leases.class,
                dev.cairn.dialect.Sessions.class, dev.cairn.dialect.Catalog.class, dev.cairn.dialect.Copy.class);
    }

    @Test
    void theServerIsTheMajorThisRunIsFor() throws Exception {
        try (Connection c = connect()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            assertThat(major).as("supported range (README)").isBetween(13, 18);
            PostgresServer.requiredMajor().ifPresent(required -> assertThat(major).isEqualTo(required));
        }
    }

    /**
     * PostgreSQL 12 allowed {@code ALTER TYPE ... ADD VALUE} in a transaction: before it, the
     * migration runs without one. Every supported server is 12 or newer, so there the statement must
     * really run in a transaction (the older side is the detector's answer for 11).
     */
    @Test
    void enumAddValueRunsInATransactionFromPostgres12() throws Exception {
        String add = "ALTER TYPE mood ADD VALUE 'happy'";
        assertThat(reason(add, 11)).isEqualTo("ALTER TYPE ... ADD VALUE before PostgreSQL 12");
        assertThat(reason(add, 12)).isEmpty();
        try (Connection c = connect()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            assertThat(reason(add, major)).isEmpty();
            execute(c, "CREATE TYPE mood AS ENUM ('sad')");
            c.setAutoCommit(false);
            execute(c, add);
            c.commit();
            c.setAutoCommit(true);
            assertThat(db.column("SELECT unnest(enum_range(NULL::mood))::text")).containsExactly("sad", "happy");
        }
    }

    /**
     * From PostgreSQL 14 every Cairn session sets client_connection_check_interval (2s) and
     * idle_session_timeout (0); on 13 neither setting exists, and the sessions open without them.
     */
    @Test
    void theDeadClientCheckIsSetFromPostgres14AndLeftAloneBefore() throws Exception {
        try (Connection working = connect(); Connection lock = connect()) {
            int major = working.getMetaData().getDatabaseMajorVersion();
            dialect.openSession(working, TableName.parse("cairn_history"),
                    dev.cairn.dialect.SessionSettings.of(Configuration.SessionTimeouts.none()));
            dialect.prepareSession(lock);
            for (Connection c : List.of(working, lock)) {
                Map<String, String> s = sessionSettings(c);
                if (major >= 14) {
                    assertThat(s.get("client_connection_check_interval")).isEqualTo("2s");
                    assertThat(s.get("idle_session_timeout")).isEqualTo("0");
                } else {
                    assertThat(s.get("client_connection_check_interval")).isEqualTo("null");
                    assertThat(s.get("idle_session_timeout")).isEqualTo("null");
                }
            }
        }
    }

    /** The whole path through the facade on this server: a transactional and a non-transactional migration, then status. */
    @Test
    void migrationsApplyEndToEnd() throws Exception {
        MigrationDir dir = new MigrationDir(tmp.resolve("migrations"))
                .dbmate("001_create.sql", "CREATE TABLE t (id int);\nCREATE TYPE mood AS ENUM ('sad');\n"
                        + "ALTER TYPE mood ADD VALUE 'happy';", "DROP TABLE t;\nDROP TYPE mood;")
                .write("002_index.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        Cairn cairn = Cairn.configure().url(db.url()).locations(dir.path()).load();

        List<Applied> applied = cairn.migrate().applied();

        assertThat(applied).extracting(a -> a.version() + " " + a.transactional())
                .containsExactly("001 true", "002 false");
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS", "002 SUCCESS");
        assertThat(cairn.validate().problems()).isEmpty();
        assertThat(db.scalar("SELECT indexname::text FROM pg_indexes WHERE tablename = 't'")).isEqualTo("t_id");
        assertThat(Optional.ofNullable(db.scalar("SELECT count(*)::text FROM pg_type WHERE typname = 'mood'")))
                .contains("1");
    }
}
