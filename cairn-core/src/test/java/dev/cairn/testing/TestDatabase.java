package dev.cairn.testing;

import dev.cairn.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database per test class on the real server of {@link PostgresServer}, dropped after
 * the class. Register it as {@code @RegisterExtension static final TestDatabase db = new TestDatabase();}.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private String name;
    private DatabaseUrl url;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        url = create("cairn_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        name = url.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        drop(name);
    }

    /** Creates another database on the server (for tests that need several); drop it with {@link #drop(String)}. */
    public static DatabaseUrl create(String name) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        }
        return PostgresServer.admin().withDatabase(name);
    }

    public static void drop(String name) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }

    private static Connection admin() throws SQLException {
        DatabaseUrl a = PostgresServer.admin();
        return DriverManager.getConnection(a.jdbcUrl(), a.properties());
    }

    /** A handle on a database made with {@link #create(String)}, for its helpers; drop it yourself. */
    public static TestDatabase attach(String name, DatabaseUrl url) {
        TestDatabase db = new TestDatabase();
        db.name = name;
        db.url = url;
        return db;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL of the database, with the user (no password on test servers). */
    public String url() {
        return url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse("");
    }

    public DatabaseUrl databaseUrl() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.properties());
    }

    /** Runs statements in the test database. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** The first column of every row, as text. */
    public List<String> column(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** The single value of a query, as text. */
    public String scalar(String sql, Object... params) throws SQLException {
        List<String> rows = column(sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The tables and views of the public schema, sorted. */
    public List<String> relations() throws SQLException {
        return column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY 1");
    }

    /** Drops everything in the public schema, for tests that start again from empty. */
    public void reset() throws SQLException {
        execute("DROP SCHEMA public CASCADE", "CREATE SCHEMA public");
    }
}
