package dev.cairn.dialect.postgres;

import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.DialectFactory;

/** Serves PostgreSQL. */
public final class PostgresDialectFactory implements DialectFactory {

    @Override
    public boolean supports(String databaseProductName) {
        return "PostgreSQL".equalsIgnoreCase(databaseProductName);
    }

    @Override
    public Dialect create() {
        return new PostgresDialect();
    }
}
