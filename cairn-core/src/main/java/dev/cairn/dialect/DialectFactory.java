package dev.cairn.dialect;

import dev.cairn.error.CairnException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ServiceLoader;

/** Finds the {@link Dialect} for a connection; implementations are listed for {@link ServiceLoader}. */
public interface DialectFactory {

    /** Whether this factory serves the product named by JDBC metadata, such as {@code PostgreSQL}. */
    boolean supports(String databaseProductName);

    Dialect create();

    /** The dialect for the database behind the connection. */
    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        for (DialectFactory f : InstalledDialects.FACTORIES) {
            if (f.supports(product)) {
                return f.create();
            }
        }
        throw CairnException.usage("dialect.unsupported", "Cairn does not support " + product
                + " yet; PostgreSQL is supported");
    }
}
