package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.Cairn;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same hairy file run by {@code psql -f} into one fresh database and by Cairn into another
 * must leave the same schema and the same rows.
 */
class PsqlSchemaOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"quotes.sql", "routines.sql", "copy.sql", "layout.sql"})
    void cairnLeavesWhatPsqlLeaves(String fixture, @TempDir Path dir) throws Exception {
        assumeTrue(psqlOnPath(), "psql is not on the PATH");
        String text = SqlSplitterTest.fixture(fixture);
        Path file = dir.resolve(fixture);
        Files.writeString(file, text);
        OneOff byPsql = new OneOff();
        OneOff byCairn = new OneOff();
        try {
            psql(byPsql.url, file);
            new MigrationDir(dir.resolve("m")).write("001_" + fixture, text);
            Cairn.configure().url(byCairn.url.jdbcUrl()).user(byCairn.url.user().orElse("postgres"))
                    .locations(dir.resolve("m")).table("cairn_meta.history").load().migrate();
            byCairn.db.execute("DROP SCHEMA cairn_meta CASCADE");
            assertThat(Snapshot.full(byCairn.db)).isEqualTo(Snapshot.full(byPsql.db));
        } finally {
            byPsql.close();
            byCairn.close();
        }
    }

    /** A database of its own, for one run. */
    private static final class OneOff implements AutoCloseable {
        final String name = "cairn_oracle_" + Long.toHexString(System.nanoTime());
        final DatabaseUrl url;
        final TestDatabase db;

        OneOff() throws Exception {
            url = TestDatabase.create(name);
            db = TestDatabase.attach(name, url);
        }

        @Override
        public void close() throws Exception {
            TestDatabase.drop(name);
        }
    }

    private static void psql(DatabaseUrl url, Path file) throws Exception {
        java.net.URI server = java.net.URI.create(url.jdbcUrl().substring("jdbc:".length()));
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.getHost(),
                "-p", Integer.toString(server.getPort() < 0 ? 5432 : server.getPort()), "-U",
                url.user().orElse("postgres"), "-d", url.database(), "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static boolean psqlOnPath() {
        try {
            return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
