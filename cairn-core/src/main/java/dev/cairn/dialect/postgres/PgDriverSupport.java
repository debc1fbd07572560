package dev.cairn.dialect.postgres;

import dev.cairn.error.CairnException;
import dev.cairn.jdbc.DatabaseError;
import dev.cairn.jdbc.DriverSupport;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;

/** pgjdbc: {@code jdbc:postgresql:} URLs, and the server's error position and DETAIL from its exceptions. */
public final class PgDriverSupport implements DriverSupport {

    private static final boolean PGJDBC = present("org.postgresql.util.PSQLException");

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public Driver driver() {
        try {
            return (Driver) Class.forName("org.postgresql.Driver").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw CairnException.usage("config.driver", "the PostgreSQL JDBC driver is not on the class path;"
                    + " add the dependency org.postgresql:postgresql");
        }
    }

    @Override
    public Optional<DatabaseError> error(SQLException e, String sqlState) {
        return PGJDBC ? ServerErrors.of(e, sqlState) : Optional.empty();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PgDriverSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that nothing loads pgjdbc's classes when they are absent. */
    private static final class ServerErrors {
        static Optional<DatabaseError> of(SQLException e, String state) {
            if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                var m = p.getServerErrorMessage();
                return Optional.of(new DatabaseError(state, String.valueOf(m.getMessage()), m.getPosition(),
                        m.getDetail() == null ? "" : m.getDetail()));
            }
            return Optional.empty();
        }
    }
}
