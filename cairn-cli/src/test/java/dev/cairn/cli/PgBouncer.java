package dev.cairn.cli;

import dev.cairn.config.DatabaseUrl;
import dev.cairn.testing.PostgresServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A PgBouncer of the test's own, in front of the test server: a temporary directory with its
 * configuration, a free port on 127.0.0.1, trust authentication, the pool mode asked for. Stopped by
 * {@link #close()}. Where the {@code pgbouncer} binary is missing the test is skipped with the reason
 * printed, except in CI ({@code CI=true}), where {@code .ci/run} installs it and its absence fails.
 */
final class PgBouncer implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final int port;

    private PgBouncer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** The binary, or the test skipped (failed in CI) saying why. */
    static Path binary() {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)),
                        Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/bin"))
                .filter(p -> !p.isBlank()).map(p -> Path.of(p, "pgbouncer")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String why = "pgbouncer is not installed (apt-get install pgbouncer): the tests through PgBouncer did not run";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + "; in CI .ci/run installs it");
            }
            System.out.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return found.get();
    }

    /** Starts PgBouncer with {@code pool_mode} ({@code transaction}, {@code session}) in front of the test server. */
    static PgBouncer start(String poolMode) throws IOException, InterruptedException {
        return start(poolMode, "default_pool_size = 20\n");
    }

    /** Starts PgBouncer with {@code pool_mode} and more lines of its {@code [pgbouncer]} section, such as pool sizes. */
    static PgBouncer start(String poolMode, String settings) throws IOException, InterruptedException {
        Path binary = binary();
        DatabaseUrl server = PostgresServer.admin();
        Path dir = Files.createTempDirectory("cairn-pgbouncer");
        int port = freePort();
        String ini = "[databases]\n* = host=" + hostOf(server) + " port=" + server.port() + "\n"
                + "[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = " + port + "\nunix_socket_dir =\n"
                + "auth_type = trust\nauth_file = " + dir.resolve("users.txt") + "\npool_mode = " + poolMode + "\n"
                + "max_client_conn = 200\n" + settings
                // pgjdbc sends these at start-up; PgBouncer must let them through to connect at all.
                + "ignore_startup_parameters = extra_float_digits,options\n";
        Files.writeString(dir.resolve("pgbouncer.ini"), ini);
        Files.writeString(dir.resolve("users.txt"), "\"" + server.user().orElse("postgres") + "\" \"\"\n");
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer refuses to run as root: it drops to nobody, who must be able to read the directory.
            command.addAll(List.of("-u", "nobody"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String f : List.of("pgbouncer.ini", "users.txt")) {
                Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        command.add(dir.resolve("pgbouncer.ini").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
        PgBouncer bouncer = new PgBouncer(dir, p, port);
        bouncer.awaitListening();
        return bouncer;
    }

    /** A JDBC URL of {@code database} through this PgBouncer. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user="
                + PostgresServer.admin().user().orElse("postgres");
    }

    /** What PgBouncer logged, for assertion messages. */
    String log() {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                Assertions.fail("pgbouncer exited at start: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        Assertions.fail("pgbouncer did not listen on port " + port + " within 15s: " + log());
    }

    private static String hostOf(DatabaseUrl server) {
        String host = server.host();
        return host.isBlank() || "localhost".equals(host) ? "127.0.0.1" : host;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
