package dev.cairn.dialect.postgres;

import dev.cairn.config.ConnectionSource;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.jdbc.Connections;
import dev.cairn.jdbc.Jdbc;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A temporary database {@code cairn_scratch_<random>} on a server, for replaying migrations where
 * nothing real can be hurt. It is dropped by {@link #close()}, and by a shutdown hook when the JVM
 * ends first (Ctrl-C). It is created through its own connection to the server and never through
 * the target's session, so the target is not touched.
 */
public final class PgScratch implements AutoCloseable {

    /** Every scratch database's name starts with this. */
    public static final String PREFIX = "cairn_scratch_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl server;
    private final String name;
    private final String applicationName;
    private final Thread hook;
    private boolean dropped;

    private PgScratch(DatabaseUrl server, String name, String applicationName) {
        this.server = server;
        this.name = name;
        this.applicationName = applicationName;
        this.hook = new Thread(this::dropQuietly, "cairn-scratch-drop");
    }

    /**
     * What the server of a URL allows: the role's name, whether it may create databases, and the
     * server's major version (such as 15).
     */
    public record Probe(DatabaseUrl server, String role, boolean mayCreateDatabases, int major) {
        /** The usage error naming the fix when the role may not create databases, followed by {@code why}. */
        public CairnException refusal(String why) {
            CairnException base = noCreateDb(server, role);
            return CairnException.usage("scratch.createdb", base.template() + why);
        }
    }

    /** Asks the server of {@code server} what a scratch database there needs; creates nothing. */
    public static Probe probe(DatabaseUrl server, String applicationName) {
        try (Connection c = Connections.of(server, applicationName).open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, coalesce((SELECT rolcreatedb OR rolsuper FROM pg_roles"
                     + " WHERE rolname = current_user), false), current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return new Probe(server, rs.getString(1), rs.getBoolean(2), rs.getInt(3));
        } catch (SQLException e) {
            throw Jdbc.failed("cannot reach " + server.target() + " to prepare a scratch database", e);
        }
    }

    /**
     * Creates a scratch database on the server of {@code server} (connecting to the database it names).
     *
     * @throws CairnException a usage error naming the fix when the role may not create databases
     */
    public static PgScratch create(DatabaseUrl server, String applicationName) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        PgScratch scratch = new PgScratch(server, PREFIX + HexFormat.of().formatHex(bytes), applicationName);
        try (Connection c = scratch.admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_user, rolcreatedb OR rolsuper FROM pg_roles"
                    + " WHERE rolname = current_user")) {
                if (rs.next() && !rs.getBoolean(2)) {
                    throw noCreateDb(server, rs.getString(1));
                }
            }
            Runtime.getRuntime().addShutdownHook(scratch.hook);
            try {
                s.execute("CREATE DATABASE " + PgNames.id(scratch.name));
            } catch (SQLException e) {
                scratch.removeHook();
                if ("42501".equals(e.getSQLState())) {
                    throw noCreateDb(server, server.user().orElse("the user"));
                }
                throw Jdbc.failed("cannot create the scratch database " + scratch.name + " on " + server.target(), e);
            }
            return scratch;
        } catch (SQLException e) {
            throw Jdbc.failed("cannot prepare a scratch database on " + server.target(), e);
        }
    }

    private static CairnException noCreateDb(DatabaseUrl server, String role) {
        return CairnException.usage("scratch.createdb", "the role " + role + " may not create databases on "
                + server.target() + ", and Cairn replays the migrations on a temporary database there; give"
                + " " + Next.setting("scratch-url", "URL")
                + " naming a server where it may (such as a local PostgreSQL of the same major"
                + " version), or grant it: ALTER ROLE " + PgNames.id(role)
                + " CREATEDB");
    }

    /** The scratch database's name. */
    public String name() {
        return name;
    }

    /** Connections to the scratch database. */
    public ConnectionSource connection() {
        return Connections.of(server.withDatabase(name), applicationName);
    }

    private Connection admin() {
        Connection c = Connections.of(server, applicationName).open();
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot prepare the session on " + server.target(), e);
        }
        return c;
    }

    /** Drops the scratch database, ending any session still on it. */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement();
             java.sql.PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
            end.setString(1, name);
            end.execute();
            s.execute("DROP DATABASE IF EXISTS " + PgNames.id(name));
            dropped = true;
        } catch (SQLException e) {
            throw Jdbc.failed("cannot drop the scratch database " + name + " on " + server.target()
                    + "; drop it by hand: DROP DATABASE " + PgNames.id(name), e);
        } finally {
            removeHook();
        }
    }

    private void dropQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // The JVM is ending; the message cannot reach anyone.
        }
    }


    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
    }
}
