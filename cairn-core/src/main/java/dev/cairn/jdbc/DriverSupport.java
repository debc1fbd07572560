package dev.cairn.jdbc;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What Cairn knows of one JDBC driver beyond the JDBC API, kept with its dialect (PostgreSQL's in
 * {@code dev.cairn.dialect.postgres}) and found by {@link java.util.ServiceLoader}: which URLs it serves, how to
 * create it without a {@link java.sql.DriverManager} scan, and how to read the server's error details
 * (position, DETAIL) from its exceptions. An implementation must load none of the driver's classes
 * until asked, so that Cairn runs when the driver is absent.
 */
public interface DriverSupport {

    /** Whether this serves the JDBC URL, such as {@code jdbc:postgresql://…}. */
    boolean accepts(String jdbcUrl);

    /**
     * The driver, created directly.
     *
     * @throws dev.cairn.error.CairnException a usage error naming the dependency to add when it is absent
     */
    Driver driver();

    /** What the server said, when {@code e} is this driver's and carries more than the JDBC API shows. */
    Optional<DatabaseError> error(SQLException e, String sqlState);

    /** The implementations on the class path, looked up once per class loader. */
    static List<DriverSupport> installed() {
        return InstalledDrivers.ALL;
    }
}
