package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * psql itself is the reference: each fixture runs through {@code psql --echo-queries -f} against a
 * scratch database, and the statements psql sent must be exactly the splitter's.
 *
 * <p>psql's log file ({@code -L}) frames every query it sends, which makes multi-line statements
 * unambiguous; its echo on stdout must agree with the log. It runs against the tests' own server
 * ({@link dev.cairn.testing.PostgresServer}); skipped only when {@code psql} is not on the PATH.
 */
class PsqlOracleTest {

    /** The tests' server (CAIRN_TEST_DATABASE_URL or the embedded one), as psql reaches it. */
    private static final java.net.URI SERVER = java.net.URI.create(
            dev.cairn.testing.PostgresServer.admin().jdbcUrl().substring("jdbc:".length()));
    private static final String HOST = SERVER.getHost();
    private static final String PORT = Integer.toString(SERVER.getPort() < 0 ? 5432 : SERVER.getPort());
    private static final String USER = dev.cairn.testing.PostgresServer.admin().user().orElse("postgres");
    private static final String MAINTENANCE_DB = SERVER.getPath().substring(1);
    private static final String QUERY_OPEN = "********* QUERY **********\n";
    private static final String QUERY_CLOSE = "\n**************************\n";

    @BeforeAll
    static void psqlAndServerAnswer() {
        assumeTrue(answers(), "psql is not on the PATH or no PostgreSQL answers at " + HOST + ":" + PORT);
    }

    static Stream<Arguments> fixtures() {
        return Stream.of("quotes.sql", "routines.sql", "copy.sql", "layout.sql", "psql15.sql")
                .flatMap(f -> Stream.of(arguments(f, "LF"), arguments(f, "CRLF")));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("fixtures")
    void psqlSendsExactlyTheSplitStatements(String fixture, String lineEnding, @TempDir Path dir) throws Exception {
        String text = SqlSplitterTest.fixture(fixture);
        if (lineEnding.equals("CRLF")) {
            text = text.replace("\n", "\r\n");
        }
        Path file = dir.resolve(fixture);
        Files.writeString(file, text, StandardCharsets.UTF_8);

        List<String> sent = sentByPsql(file, dir);
        List<String> split = SqlSplitter.split(new SqlSource(fixture, text, 1)).stream()
                .map(SqlStatement::sql).toList();

        assertThat(split).as("byte for byte what psql sent").containsExactlyElementsOf(sent);
    }

    private static List<String> sentByPsql(Path file, Path dir) throws Exception {
        String database = "cairn_split_" + UUID.randomUUID().toString().replace("-", "");
        Path log = dir.resolve("psql.log");
        admin("CREATE DATABASE " + database);
        try {
            Result run = run(dir, List.of("psql", "-X", "-q", "-h", HOST, "-p", PORT, "-U", USER, "-d", database,
                    "-v", "ON_ERROR_STOP=1", "--echo-queries", "-L", log.toString(), "-o", "/dev/null",
                    "-f", file.toString()));
            assertThat(run.exitCode).as("psql failed on %s:%n%s", file.getFileName(), run.stderr).isZero();
            List<String> queries = framedQueries(Files.readString(log, StandardCharsets.UTF_8));
            StringBuilder echoed = new StringBuilder();
            queries.forEach(q -> echoed.append(q).append('\n'));
            assertThat(run.stdout).as("psql's echo agrees with its log").isEqualTo(echoed.toString());
            return queries;
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static List<String> framedQueries(String log) {
        List<String> queries = new ArrayList<>();
        int open = log.indexOf(QUERY_OPEN);
        while (open >= 0) {
            int from = open + QUERY_OPEN.length();
            int close = log.indexOf(QUERY_CLOSE, from);
            queries.add(log.substring(from, close));
            open = log.indexOf(QUERY_OPEN, close + QUERY_CLOSE.length());
        }
        return queries;
    }

    private static void admin(String sql) throws Exception {
        Result result = run(Path.of("."), List.of("psql", "-X", "-q", "-h", HOST, "-p", PORT, "-U", USER,
                "-d", MAINTENANCE_DB, "-v", "ON_ERROR_STOP=1", "-c", sql));
        assertThat(result.exitCode).as("%s:%n%s", sql, result.stderr).isZero();
    }

    private static boolean answers() {
        try {
            return run(Path.of("."), List.of("psql", "-X", "-q", "-h", HOST, "-p", PORT, "-U", USER,
                    "-d", MAINTENANCE_DB, "-c", "SELECT 1")).exitCode == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("psql", ".out");
        Path err = Files.createTempFile("psql", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("PGCLIENTENCODING", "UTF8");
            env.put("PGCONNECT_TIMEOUT", "5");
            env.remove("PSQLRC");
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "", "timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
