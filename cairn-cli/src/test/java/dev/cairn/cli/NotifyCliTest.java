package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.Cairn;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks after migrate and rollback, against a real listener on 127.0.0.1: what they receive, and
 * that a dead, slow or failing webhook neither changes the exit code nor shows its secret path.
 */
class NotifyCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    /** The secret parts of the webhook URLs: they must never be printed. */
    static final String SECRET = "T0SECRET/B0SECRET/xoxb-hush";
    static final String QUERY = "token=querysecret42";

    @TempDir
    Path cwd;

    HttpServer server;
    final java.util.concurrent.ExecutorService handlers = Executors.newCachedThreadPool();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    final AtomicInteger failing = new AtomicInteger();
    final AtomicInteger slow = new AtomicInteger();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/ok/", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            reply(ex, 200);
        });
        server.createContext("/fail/", ex -> {
            failing.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            reply(ex, 500);
        });
        server.createContext("/slow/", ex -> {
            slow.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            try {
                Thread.sleep(7_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200);
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        handlers.shutdownNow();
    }

    static void reply(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    String url(String kind) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/" + SECRET + "?" + QUERY;
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url()).env("HOSTNAME", "runner-7");
    }

    static void assertNoSecret(Cli.Result r) {
        assertThat(r.all()).doesNotContain("SECRET").doesNotContain("querysecret").doesNotContain("hush");
    }

    JsonNode onlyBody() throws IOException {
        assertThat(bodies).hasSize(1);
        return json.readTree(bodies.get(0));
    }

    @Test
    void successPostsOneDocumentWithTextAndFields() throws Exception {
        Cli.Result r = cli().run("migrate", "--env", "staging", "--notify", url("ok"));

        assertThat(r.exit()).as(r.all()).isZero();
        assertNoSecret(r);
        JsonNode doc = onlyBody();
        assertThat(contentTypes).containsExactly("application/json; charset=utf-8");
        assertThat(doc.get("event").asText()).isEqualTo("migrate.succeeded");
        assertThat(doc.get("database").asText()).isEqualTo(db.name());
        assertThat(doc.get("env").asText()).isEqualTo("staging");
        assertThat(doc.get("batch").asInt()).isEqualTo(1);
        assertThat(doc.get("applied").findValuesAsText("script")).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(doc.get("applied").findValuesAsText("version")).containsExactly("001", "002");
        assertThat(doc.get("failure").isNull()).isTrue();
        assertThat(doc.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(doc.get("host").asText()).isEqualTo("runner-7");
        assertThat(doc.get("cairnVersion").asText()).isEqualTo(Cairn.VERSION);
        assertThat(doc.get("text").asText())
                .startsWith("cairn migrate succeeded on " + db.name() + " (staging): applied 2 migrations:"
                        + " 001_users.sql, 002_orders.sql (batch 1, ")
                .doesNotContain("\n");

        bodies.clear();
        Cli.Result again = cli().run("migrate", "--notify", url("ok"));
        assertThat(again.exit()).isZero();
        JsonNode upToDate = onlyBody();
        assertThat(upToDate.get("text").asText()).contains("up to date, nothing applied");
        assertThat(upToDate.get("applied")).isEmpty();
        assertThat(upToDate.get("env").isNull()).isTrue();
        assertThat(upToDate.get("batch").isNull()).isTrue();
    }

    @Test
    void failurePostsFileLineAndSqlstateAndWhatWasAppliedBeforeIt() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).write("003_bad.sql",
                "-- migrate:up\nCREATE TABLE ok3 (id int);\nINSERT INTO nope VALUES (1);\n-- migrate:down\n");

        Cli.Result r = cli().run("migrate", "--notify", url("ok"));

        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertNoSecret(r);
        JsonNode doc = onlyBody();
        assertThat(doc.get("event").asText()).isEqualTo("migrate.failed");
        JsonNode failure = doc.get("failure");
        assertThat(failure.get("file").asText()).endsWith("003_bad.sql");
        assertThat(failure.get("line").asInt()).isEqualTo(3);
        assertThat(failure.get("sqlstate").asText()).isEqualTo("42P01");
        assertThat(failure.get("version").asText()).isEqualTo("003");
        assertThat(failure.get("exitCode").asInt()).isEqualTo(1);
        assertThat(failure.get("message").asText()).contains("nope");
        assertThat(doc.get("applied").findValuesAsText("script")).containsExactly("001_users.sql", "002_orders.sql");
        assertThat(doc.get("text").asText()).startsWith("cairn migrate FAILED on " + db.name() + ": ")
                .contains("003_bad.sql:3: SQLSTATE 42P01: relation \"nope\" does not exist")
                .contains("applied before it: 001_users.sql, 002_orders.sql");
    }

    @Test
    void rollbackIsToldToo() throws Exception {
        assertThat(cli().run("migrate").exit()).isZero();

        Cli.Result r = cli().run("rollback", "--yes", "--notify", url("ok"));

        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode doc = onlyBody();
        assertThat(doc.get("event").asText()).isEqualTo("rollback.succeeded");
        assertThat(doc.get("applied").findValuesAsText("script")).containsExactly("002_orders.sql", "001_users.sql");
        assertThat(doc.get("text").asText()).contains("rolled back 2 migrations: 002_orders.sql, 001_users.sql");
    }

    @Test
    void configFileUrlsPerEnvironmentAndOnFailureOnly() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "[notify]\nurls = [\"" + url("fail") + "\"]\n"
                + "[env.staging.notify]\nurls = [\"" + url("ok") + "\"]\non = [\"failure\"]\n");

        Cli.Result quiet = cli().run("migrate", "--env", "staging");
        assertThat(quiet.exit()).as(quiet.all()).isZero();
        assertThat(bodies).isEmpty();
        assertThat(failing).hasValue(0);

        new MigrationDir(cwd.resolve("db/migrations")).write("003_bad.sql", "-- migrate:up\nSELECT 1/0;\n");
        Cli.Result failed = cli().run("migrate", "--env", "staging");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(onlyBody().get("failure").get("sqlstate").asText()).isEqualTo("22012");
        assertThat(onlyBody().get("env").asText()).isEqualTo("staging");
        assertThat(failing).as("the top level's URL is replaced by the environment's").hasValue(0);
        assertNoSecret(failed);

        bodies.clear();
        Cli.Result fromEnv = cli().env("CAIRN_NOTIFY", url("fail") + " " + url("ok")).run("migrate", "--env",
                "staging", "--notify-on", "success,failure");
        assertThat(fromEnv.exit()).isEqualTo(1);
        assertThat(failing).as("$CAIRN_NOTIFY comes before the file").hasValue(2);
        assertThat(bodies).hasSize(1);
        assertThat(fromEnv.err()).contains("not delivered (HTTP 500, twice)");
        assertNoSecret(fromEnv);
    }

    @Test
    void deadEndpointWarnsNamingTheHostOnlyAndKeepsTheExitCode() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + port + "/dead/" + SECRET + "?" + QUERY;

        Cli.Result r = cli().run("migrate", "-v", "--notify", dead);

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).contains("warning: notification to 127.0.0.1:" + port + " not delivered (connection"
                + " refused, twice); the run's outcome and exit code are unaffected");
        assertNoSecret(r);
        assertThat(db.relations()).contains("users", "orders");

        Cli.Result jsonLog = cli().run("rollback", "--yes", "--log-format", "json", "--notify", dead);
        assertThat(jsonLog.exit()).isZero();
        assertThat(jsonLog.err()).contains("{\"event\":\"notify_failed\",\"host\":\"127.0.0.1:" + port + "\"");
        assertNoSecret(jsonLog);
    }

    @Test
    void aServerErrorIsRetriedOnceThenWarnedAndTheMigrationExitCodeStays() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).write("003_bad.sql", "-- migrate:up\nSELECT 1/0;\n");

        Cli.Result r = cli().run("migrate", "--notify", url("fail"), "--notify", url("ok"));

        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(failing).hasValue(2);
        assertThat(bodies).hasSize(1);
        assertThat(r.err()).contains("warning: notification to " + host() + " not delivered (HTTP 500, twice)")
                .contains("division by zero");
        assertNoSecret(r);
    }

    @Test
    void aSlowEndpointCostsTwoTimeoutsAtMost() throws Exception {
        long start = System.nanoTime();
        Cli.Result r = cli().run("migrate", "--notify", url("slow"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(slow).hasValue(2);
        assertThat(seconds).isBetween(9L, 12L);
        assertThat(r.err()).contains("warning: notification to " + host() + " not delivered (no reply within 5s,"
                + " twice)");
        assertNoSecret(r);
    }

    @Test
    void aCommandWithoutNotifyDoesNotEchoTheUrlInItsUsageError() {
        Cli.Result r = cli().run("status", "--notify", url("ok").replace("//", "//deploy:pw-SECRET@"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--notify', 'http://" + host() + "/***'");
        assertNoSecret(r);
    }

    @Test
    void badUrlsAreRefusedBeforeAnythingRuns() throws Exception {
        Cli.Result ftp = cli().run("migrate", "--notify", "ftp://files.example.com/" + SECRET);
        assertThat(ftp.exit()).isEqualTo(2);
        assertThat(ftp.err()).contains("--notify (host files.example.com) is a ftp URL; webhooks must be http or https");
        assertNoSecret(ftp);

        Cli.Result garbage = cli().run("rollback", "--yes", "--notify", url("ok"), "--notify", "not a url " + SECRET);
        assertThat(garbage.exit()).isEqualTo(2);
        assertThat(garbage.err()).contains("--notify (URL 2) is not a valid URL");
        assertNoSecret(garbage);

        Files.writeString(cwd.resolve("cairn.toml"), "[notify]\nurls = [\"hooks.example.com/" + SECRET + "\"]\n");
        Cli.Result file = cli().run("migrate");
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err()).contains("urls in ").contains("[notify] has no host");
        assertNoSecret(file);

        assertThat(db.relations()).isEmpty();
        assertThat(bodies).isEmpty();
    }

    @Test
    void aFanOutRefusedBeforeAnyTargetRanPostsItsFailure() throws Exception {
        Files.writeString(cwd.resolve("targets.txt"), db.url() + "\nmysql://root:pw@db/x\n");

        Cli.Result r = cli().run("migrate", "--targets", "targets.txt", "--notify", url("ok"));

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertNoSecret(r);
        JsonNode doc = onlyBody();
        assertThat(doc.get("event").asText()).isEqualTo("migrate.failed");
        assertThat(doc.get("text").asText()).startsWith("cairn migrate FAILED before running on any target: ");
        assertThat(doc.at("/failure/exitCode").asInt()).isEqualTo(2);
        assertThat(doc.at("/failure/message").asText()).contains("targets.txt");
        assertThat(doc.get("applied")).isEmpty();
        assertThat(db.relations()).isEmpty();
    }
}
