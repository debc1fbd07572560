package dev.cairn.config;

import java.sql.Connection;

/**
 * Where Cairn's connections come from: the application's data source, or a URL ({@code dev.cairn.jdbc.Connections}
 * makes both).
 */
public interface ConnectionSource {

    /**
     * Opens a new connection.
     *
     * @throws dev.cairn.error.CairnException when the database cannot be reached (exit 1)
     */
    Connection open();

    /**
     * Whether connections are lent by the application (its pool or data source) and so go back with
     * their session as they were handed over; a connection opened from a URL is simply closed.
     */
    boolean lent();

    /** How messages name the database; never contains a password. */
    String describe();

    /** The database's name, as confirmations ask for it. */
    String database();

    /**
     * The one schema a run works in (its whole search path), set up by the dialect as one of Cairn's
     * own session settings; empty for the search path as the connections come.
     */
    default java.util.Optional<String> schema() {
        return java.util.Optional.empty();
    }
}
