package dev.cairn.dialect.postgres;

import dev.cairn.config.DatabaseUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where PostgreSQL's client tools ({@code pg_dump}, {@code pg_restore}, {@code psql}) connect, taken
 * from Cairn's URL. Host, port, user and database go on the command line; the password and the TLS
 * settings go in the child's environment only ({@code PGPASSWORD}, {@code PGSSLMODE}, …), because a
 * command line is visible to every user of the machine in {@code ps}.
 *
 * @see <a href="https://www.postgresql.org/docs/current/libpq-envars.html">libpq environment variables</a>
 */
record PgTarget(String host, int port, Optional<String> user, String database, Optional<String> password,
                       Map<String, String> settings) {

    /** pgjdbc connection properties and the libpq environment variable for each. */
    private static final Map<String, String> JDBC_TO_LIBPQ = Map.of(
            "sslmode", "PGSSLMODE",
            "sslrootcert", "PGSSLROOTCERT",
            "sslcert", "PGSSLCERT",
            "sslkey", "PGSSLKEY",
            "connectTimeout", "PGCONNECT_TIMEOUT",
            "options", "PGOPTIONS");

    public PgTarget {
        settings = Map.copyOf(settings);
    }

    /** The first host of the URL, its user, database, password and TLS settings. */
    public static PgTarget of(DatabaseUrl url) {
        Map<String, String> props = new LinkedHashMap<>(query(url.jdbcUrl()));
        url.properties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        Map<String, String> settings = new LinkedHashMap<>();
        JDBC_TO_LIBPQ.forEach((jdbc, libpq) -> {
            if (props.containsKey(jdbc)) {
                settings.put(libpq, props.get(jdbc));
            }
        });
        return new PgTarget(url.host(), url.port(), url.user(), url.database(), url.password(), settings);
    }

    private static Map<String, String> query(String jdbcUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = jdbcUrl.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : jdbcUrl.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** {@code -h host -p port [-U user] -d database}: never the password. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("-h", host, "-p", Integer.toString(port)));
        user.ifPresent(u -> args.addAll(List.of("-U", u)));
        args.addAll(List.of("-d", databaseArgument()));
        return List.copyOf(args);
    }

    /**
     * The tools read a {@code -d} value containing {@code =} or starting with a URI scheme as a
     * connection string; such a database name is passed as {@code dbname='…'} so it stays a name.
     */
    private String databaseArgument() {
        boolean plain = !database.contains("=") && !database.startsWith("postgres://")
                && !database.startsWith("postgresql://");
        return plain ? database : "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The child's extra environment: the password, when the URL holds one, and the TLS settings. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(settings);
        password.ifPresent(p -> env.put("PGPASSWORD", p));
        return Map.copyOf(env);
    }

    /** {@code host:port/database}, for messages. */
    public String describe() {
        return host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return describe() + user.map(u -> " (user " + u + ")").orElse("");
    }
}
